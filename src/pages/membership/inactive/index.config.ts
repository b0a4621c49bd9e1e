export default definePageConfig({
  navigationBarTitleText: '半年无活动会员',
  enablePullDownRefresh: true,
})
