export default definePageConfig({
  navigationBarTitleText: '街道/乡镇',
})
