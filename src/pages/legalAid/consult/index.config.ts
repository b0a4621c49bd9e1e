export default definePageConfig({ navigationBarTitleText: '法律咨询', enablePullDownRefresh: true })
