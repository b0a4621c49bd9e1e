export default definePageConfig({
  navigationBarTitleText: '驿站服务人次',
  enablePullDownRefresh: true,
})
