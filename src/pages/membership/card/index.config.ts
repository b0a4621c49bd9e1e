export default definePageConfig({
  navigationBarTitleText: '会员电子卡',
})
