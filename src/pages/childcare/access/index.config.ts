export default definePageConfig({ navigationBarTitleText: '未成年人信息访问记录' })
