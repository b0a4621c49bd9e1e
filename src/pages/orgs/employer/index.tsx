import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useReady, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import TextField from '@/components/TextField'
import { call } from '@/api/client'
import { orgsApi } from '@/contracts/orgs/api'
import { splitNames } from '@/contracts/orgs/names'
import { saveEmployerInput, type EmployerItem, type OrgNode } from '@/contracts/orgs/schemas'
import type { ApiResult } from '@/contracts/result'
import { useLoader } from '@/hooks/useLoader'
import { alert, confirm } from '@/utils/dialog'
import { check, toFieldMessages, type FieldMessages } from '@/utils/form'
import { goBackOr, scrollToFirstError } from '@/utils/nav'
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
  const { state, reload } = useLoader(async (): Promise<ApiResult<{ nodes: OrgNode[]; employer: EmployerItem | null }>> => {
    const tree = await call('orgs', 'tree')
    if (!tree.ok) return tree
    const found = id ? await call('orgs', 'employers', { id }) : null
    if (found && !found.ok) return found
    return { ok: true, data: { nodes: tree.data.items, employer: found?.data.items[0] ?? null } }
  })
  useReady(() => {
    Taro.setNavigationBarTitle({ title: id ? '修改用人单位' : '添加用人单位' })
  })
  return (
    <View className='page org-employer-edit'>
      <PageState state={state} onRetry={() => void reload()}>
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
  const [name, setName] = useState(employer?.name ?? '')
  const [aliases, setAliases] = useState(employer?.aliases.join('\n') ?? '')
  const [org, setOrg] = useState(employer?.orgId ?? orgId)
  const [errors, setErrors] = useState<FieldMessages>({})
  const [formError, setFormError] = useState('')
  const clear = () => {
    setErrors({})
    setFormError('')
  }

  const save = async () => {
    const checked = check(saveEmployerInput, {
      ...(employer ? { id: employer.id } : {}),
      name,
      aliases: splitNames(aliases),
      orgId: org || undefined,
    })
    if (!checked.ok) {
      setErrors(checked.errors)
      scrollToFirstError()
      return
    }
    const res = await call('orgs', 'saveEmployer', checked.data)
    if (!res.ok) {
      setErrors(toFieldMessages(res.error.fields))
      setFormError(res.error.fields?.length ? '' : res.error.message)
      scrollToFirstError()
      return
    }
    Taro.showToast({ title: '已保存', icon: 'success' })
    goBackOr(LIST)
  }

  const remove = async () => {
    if (!employer) return
    const ok = await confirm({
      title: `删除「${employer.name}」？`,
      content: '删除后，填写这个单位名称及其别名的入会申请不再直接分派到该工会（按街道、行业或县总工会分派）。已有会员不受影响。',
      confirmText: '删除',
      danger: true,
    })
    if (!ok) return
    const res = await call('orgs', 'removeEmployer', { id: employer.id })
    if (!res.ok) return alert('删除失败', res.error.message)
    Taro.showToast({ title: '已删除', icon: 'success' })
    goBackOr(LIST)
  }

  return (
    <>
      <View className='card org-employer-edit__form'>
        <TextField
          label='单位名称'
          name='name'
          required
          value={name}
          maxlength={60}
          error={errors.name}
          placeholder='营业执照上的全称'
          onInput={(v) => {
            setName(v)
            clear()
          }}
        />
        <Field
          label='别名'
          name='aliases'
          error={errors.aliases}
          hint='职工可能写的其他名称（简称、曾用名），每行一个；名称中的空格和括号写法不影响匹配。'
        >
          <Textarea
            className='field__textarea org-employer-edit__aliases'
            value={aliases}
            maxlength={1300}
            placeholder={'如：\n泰山体育\n泰山集团'}
            onInput={(e) => {
              setAliases(e.detail.value)
              clear()
            }}
          />
        </Field>
        <Field label='所属工会' name='orgId' required error={errors.orgId} hint='填写以上名称的入会申请分派到这个工会'>
          <OrgChooser
            nodes={nodes}
            value={org}
            exclude={(n) => n.disabled}
            onChange={(id) => {
              setOrg(id)
              clear()
            }}
          />
        </Field>
      </View>
      {formError ? <Text className='org-form-error'>{formError}</Text> : null}
      <Btn className='org-employer-edit__save' onClick={save}>
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
