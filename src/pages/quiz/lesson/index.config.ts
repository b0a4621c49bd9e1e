export default definePageConfig({ navigationBarTitleText: '闯关学习' })
