export default definePageConfig({
  navigationBarTitleText: '驿站门口二维码',
})
