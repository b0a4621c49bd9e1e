export default definePageConfig({
  navigationBarTitleText: '工作人员激活',
})
