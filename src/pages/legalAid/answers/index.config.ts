export default definePageConfig({ navigationBarTitleText: '法律咨询解答', enablePullDownRefresh: true })
