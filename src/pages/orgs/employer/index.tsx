import { Textarea, View } from '@tarojs/components'
import Taro, { useReady, useRouter } from '@tarojs/taro'
import { fetchQuery } from '@/api/client'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import TextField from '@/components/TextField'
import { orgsApi } from '@/contracts/orgs/api'
import { splitNames } from '@/contracts/orgs/names'
import { saveEmployerInput, type EmployerItem, type OrgNode } from '@/contracts/orgs/schemas'
import type { ApiResult } from '@/contracts/result'
import { useForm, useMutation, useQueryWith } from '@/data'
import { alert, confirm } from '@/utils/dialog'
import { goBackOr } from '@/utils/nav'
import OrgChooser from '../components/OrgChooser'
import '../shared/orgs.scss'
import './index.scss'

const LIST = '/pages/orgs/employers/index'

/** One employer: its name, the other names people write for it, and the union its workers' applications go to. */
export default function EmployerPage() {
  return <RoleGate spec={orgsApi.saveEmployer}>{() => <EmployerLoader />}</RoleGate>
}

function EmployerLoader() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : undefined
  const orgId = params.orgId ? decodeURIComponent(params.orgId) : ''
  // The tree for the union chooser, and the employer itself when editing.
  // Loaded once: coming back to the form must not replace what is being typed.
  const loaded = useQueryWith(
    async (): Promise<ApiResult<{ nodes: OrgNode[]; employer: EmployerItem | null }>> => {
      const tree = await fetchQuery('orgs', 'tree', {})
      if (!tree.ok) return tree
      const found = id ? await fetchQuery('orgs', 'employers', { id }) : null
      if (found && !found.ok) return found
      return { ok: true, data: { nodes: tree.data.items, employer: found?.data.items[0] ?? null } }
    },
    [id],
    { reloadOnShow: false, pullToRefresh: false },
  )
  useReady(() => {
    void Promise.resolve(Taro.setNavigationBarTitle({ title: id ? '修改用人单位' : '添加用人单位' })).catch(() => undefined)
  })
  return (
    <View className='page org-employer-edit'>
      <PageState query={loaded}>
        {({ nodes, employer }) =>
          id && !employer ? (
            <StateView kind='empty' title='用人单位不存在' detail='它可能已被删除，请回到列表查看。' />
          ) : (
            <EmployerForm nodes={nodes} employer={employer} orgId={orgId} />
          )
        }
      </PageState>
    </View>
  )
}

function EmployerForm({ nodes, employer, orgId }: { nodes: OrgNode[]; employer: EmployerItem | null; orgId: string }) {
  const form = useForm({
    initial: { name: employer?.name ?? '', aliases: employer?.aliases.join('\n') ?? '', orgId: employer?.orgId ?? orgId },
    schema: saveEmployerInput,
    toInput: (v: { name: string; aliases: string; orgId: string }) => ({
      ...(employer ? { id: employer.id } : {}),
      name: v.name,
      aliases: splitNames(v.aliases),
      orgId: v.orgId || undefined,
    }),
  })
  const saveEmployer = useMutation('orgs', 'saveEmployer', { success: '已保存', onSuccess: () => goBackOr(LIST) })
  const removeEmployer = useMutation('orgs', 'removeEmployer', {
    success: '已删除',
    onSuccess: () => goBackOr(LIST),
    onError: (e) => void alert('删除失败', e.message),
  })
  const save = () => form.submit((data) => saveEmployer.run(data))
  const { values } = form

  const remove = async () => {
    if (!employer) return
    const ok = await confirm({
      title: `删除「${employer.name}」？`,
      content: '删除后，填写这个单位名称及其别名的入会申请不再直接分派到该工会（按街道、行业或县总工会分派）。已有会员不受影响。',
      confirmText: '删除',
      danger: true,
    })
    if (ok) await removeEmployer.run({ id: employer.id })
  }

  return (
    <>
      <View className='card org-employer-edit__form'>
        <TextField
          label='单位名称'
          name='name'
          required
          value={values.name}
          maxlength={60}
          error={form.error('name')}
          placeholder='营业执照上的全称'
          onInput={(v) => form.set('name', v)}
        />
        <Field
          label='别名'
          name='aliases'
          error={form.error('aliases')}
          hint='职工可能写的其他名称（简称、曾用名），每行一个；名称中的空格和括号写法不影响匹配。'
        >
          <Textarea
            className='field__textarea org-employer-edit__aliases'
            value={values.aliases}
            maxlength={1300}
            placeholder={'如：\n泰山体育\n泰山集团'}
            onInput={(e) => form.set('aliases', e.detail.value)}
          />
        </Field>
        <Field label='所属工会' name='orgId' required error={form.error('orgId')} hint='填写以上名称的入会申请分派到这个工会'>
          <OrgChooser nodes={nodes} value={values.orgId} exclude={(n) => n.disabled} onChange={(id) => form.set('orgId', id)} />
        </Field>
      </View>
      <FormError message={form.formError} />
      <Btn className='org-employer-edit__save' loading={saveEmployer.busy} onClick={save}>
        保存
      </Btn>
      {employer ? (
        <Btn kind='danger' className='org-employer-edit__remove' onClick={remove}>
          删除这个用人单位
        </Btn>
      ) : null}
    </>
  )
}
