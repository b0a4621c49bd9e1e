export default definePageConfig({ navigationBarTitleText: '驿站券核销情况', enablePullDownRefresh: true })
