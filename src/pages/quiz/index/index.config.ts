export default definePageConfig({ navigationBarTitleText: '答题抽奖', enablePullDownRefresh: false })
