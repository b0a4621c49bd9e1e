export default definePageConfig({ navigationBarTitleText: '常见问答', enablePullDownRefresh: true })
