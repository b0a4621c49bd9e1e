export default definePageConfig({
  navigationBarTitleText: '入会统计',
  enablePullDownRefresh: true,
})
