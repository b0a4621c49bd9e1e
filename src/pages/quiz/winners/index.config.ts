export default definePageConfig({ navigationBarTitleText: '中奖名单' })
