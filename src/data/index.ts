// The page layer: every page reads with useQuery / usePagedQuery, writes with useMutation, fills in with useForm,
// and draws its states with PageState. See README「页面的两种写法」.
export { useQuery, useQueryWith, type Loaded, type Query, type QueryOptions } from './query'
export { usePagedQuery, type Paged, type PagedList } from './paged'
export { useMutation, useMutationWith, type Mutation, type MutationOptions } from './mutation'
export { useForm, type Form, type FormOptions } from './form'
