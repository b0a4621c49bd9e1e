export default definePageConfig({
  navigationBarTitleText: '编辑托管班',
})
