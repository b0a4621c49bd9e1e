export default definePageConfig({
  navigationBarTitleText: '集中入会',
  enablePullDownRefresh: true,
})
