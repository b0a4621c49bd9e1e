import { Text, View } from '@tarojs/components'
import Taro, { useReady, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Choice from '@/components/Choice'
import Field from '@/components/Field'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import TextField from '@/components/TextField'
import { orgsApi } from '@/contracts/orgs/api'
import { CHILD_KINDS, INDUSTRIES, takesIndustries, type Industry, type OrgKind } from '@/contracts/orgs/labels'
import { saveOrgInput, type OrgNode, type OrgTree } from '@/contracts/orgs/schemas'
import { useForm, useMutation, useQuery } from '@/data'
import { alert, confirm } from '@/utils/dialog'
import { goBackOr } from '@/utils/nav'
import OrgChooser from '../components/OrgChooser'
import OrgEmployers from './OrgEmployers'
import '../shared/orgs.scss'
import './index.scss'

const TREE = '/pages/orgs/index/index'

/** One org: its details to edit, or a new org under `parentId`; for an existing org also move, disable and its employers. */
export default function OrgPage() {
  return <RoleGate spec={orgsApi.saveOrg}>{() => <OrgLoader />}</RoleGate>
}

function OrgLoader() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : undefined
  const parentId = params.parentId ? decodeURIComponent(params.parentId) : undefined
  const orgTree = useQuery('orgs', 'tree', {})
  useReady(() => {
    void Promise.resolve(Taro.setNavigationBarTitle({ title: id ? '组织详情' : '新增下级组织' })).catch(() => undefined)
  })
  return (
    <View className='page org-edit'>
      <PageState query={orgTree}>
        {(tree) => {
          const org = id ? tree.items.find((n) => n.id === id) : undefined
          const parent = tree.items.find((n) => n.id === (org ? org.parentId : parentId))
          if ((id && !org) || (!id && !parent))
            return <StateView kind='empty' title='组织不存在' detail='它可能已被移到您管理范围以外，请回到组织树查看。' />
          return <OrgForm key={id ?? `new:${parentId}`} tree={tree} org={org} parent={parent} onChanged={() => void orgTree.reload(true)} />
        }}
      </PageState>
    </View>
  )
}

interface Form {
  name: string
  kind: OrgKind
  phone: string
  regions: string[]
  industries: Industry[]
}

function toggle<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item]
}

/** Orgs at or below `node`: in the tree's order they are the ones after it that sit deeper. */
function subtreeOf(items: OrgNode[], node: OrgNode): Set<string> {
  const i = items.findIndex((n) => n.id === node.id)
  const out = new Set([node.id])
  for (let j = i + 1; j < items.length && items[j].depth > node.depth; j++) out.add(items[j].id)
  return out
}

function OrgForm({ tree, org, parent, onChanged }: { tree: OrgTree; org?: OrgNode; parent?: OrgNode; onChanged: () => void }) {
  const orgForm = useForm({
    initial: (): Form => ({
      name: org?.name ?? '',
      kind: org?.kind ?? 'enterprise',
      phone: org?.phone ?? '',
      regions: org?.regions ?? [],
      industries: org?.industries ?? [],
    }),
    schema: saveOrgInput,
    toInput: (f: Form) => ({ ...(org ? { id: org.id } : { parentId: parent?.id }), ...f, industries: takesIndustries(f.kind) ? f.industries : [] }),
  })
  const form = orgForm.values
  const set = (patch: Partial<Form>) => orgForm.patch(patch)
  const errors = {
    name: orgForm.error('name'),
    kind: orgForm.error('kind'),
    phone: orgForm.error('phone'),
    regions: orgForm.error('regions'),
    industries: orgForm.error('industries'),
  }
  const saveOrg = useMutation('orgs', 'saveOrg', {
    success: '已保存',
    onSuccess: () => (org ? onChanged() : goBackOr(TREE)),
  })
  const moveOrg = useMutation('orgs', 'moveOrg', { success: '已移动', onSuccess: onChanged, onError: (e) => void alert('无法移动', e.message) })
  const toggleOrg = useMutation('orgs', 'setOrgDisabled', {
    success: (res) => (res.disabled ? '已停用' : '已启用'),
    onSuccess: onChanged,
    onError: (e, input) => void alert(input.disabled ? '无法停用' : '无法启用', e.message),
  })
  const [moving, setMoving] = useState(false)
  const isRoot = !!org && !org.parentId
  const areas = tree.areas.filter((a) => !a.disabled || form.regions.includes(a.id))
  const save = () => orgForm.submit((data) => saveOrg.run(data))

  const move = async (targetId: string) => {
    const target = tree.items.find((n) => n.id === targetId)
    if (!org || !target) return
    setMoving(false)
    const ok = await confirm({
      title: '移动组织？',
      content: `把「${org.name}」移到「${target.name}」之下。它的下级组织和用人单位一起移动，管理权限随之改变。`,
      confirmText: '移动',
    })
    if (ok) await moveOrg.run({ id: org.id, parentId: target.id })
  }

  const setDisabled = async (disabled: boolean) => {
    if (!org) return
    const ok = await confirm(
      disabled
        ? {
            title: '停用这个组织？',
            content: `停用后「${org.name}」不再接收新的入会申请：填写其用人单位的申请将按规则分派给其他工会。已有会员不受影响，可随时重新启用。`,
            confirmText: '停用',
            danger: true,
          }
        : { title: '重新启用？', content: `「${org.name}」将重新接收入会申请。`, confirmText: '启用' },
    )
    if (ok) await toggleOrg.run({ id: org.id, disabled })
  }

  const below = org ? subtreeOf(tree.items, org) : new Set<string>()
  return (
    <>
      {org?.disabled ? <Text className='org-edit__off'>已停用：不接收新的入会申请，已有会员不受影响。</Text> : null}
      <View className='card org-edit__form'>
        {parent ? (
          <View className='org-edit__parent'>
            <Text className='muted'>上级组织</Text>
            <Text className='org-edit__parent-name'>{parent.name}</Text>
          </View>
        ) : null}
        <TextField label='组织名称' name='name' required value={form.name} maxlength={40} error={errors.name} onInput={(v) => set({ name: v })} />
        <Field label='类型' name='kind' required error={errors.kind}>
          {isRoot ? (
            <Text className='org-edit__fixed'>总工会（县总工会，组织树的根）</Text>
          ) : (
            <Choice options={CHILD_KINDS} value={form.kind} onChange={(k) => set({ kind: k })} />
          )}
        </Field>
        <TextField
          label='电话'
          name='phone'
          value={form.phone}
          maxlength={30}
          error={errors.phone}
          hint='职工咨询入会、会籍时拨打；不填则显示上级工会的电话'
          onInput={(v) => set({ phone: v })}
        />
        <Field label='服务街道/乡镇' name='regions' error={errors.regions} hint='联合工会按此接收所在街道新就业形态劳动者的入会申请'>
          {areas.length ? (
            <View className='org-chips'>
              {areas.map((a) => (
                <Text
                  key={a.id}
                  className={`org-chip ${form.regions.includes(a.id) ? 'org-chip--on' : ''}`}
                  onClick={() => set({ regions: toggle(form.regions, a.id) })}
                >
                  {a.name}
                </Text>
              ))}
            </View>
          ) : (
            <Text className='muted'>还没有街道/乡镇，可在「街道/乡镇」中添加。</Text>
          )}
        </Field>
        {takesIndustries(form.kind) ? (
          <Field label='行业' name='industries' error={errors.industries} hint='接收哪些新就业形态劳动者的入会申请'>
            <View className='org-chips'>
              {INDUSTRIES.map((i) => (
                <Text
                  key={i.key}
                  className={`org-chip ${form.industries.includes(i.key) ? 'org-chip--on' : ''}`}
                  onClick={() => set({ industries: toggle(form.industries, i.key) })}
                >
                  {i.label}
                </Text>
              ))}
            </View>
          </Field>
        ) : null}
      </View>
      <FormError message={orgForm.formError} />
      <Btn className='org-edit__save' loading={saveOrg.busy} onClick={save}>
        {org ? '保存' : '添加'}
      </Btn>

      {org ? (
        <>
          <OrgEmployers org={org} />
          <View className='card org-edit__actions'>
            <Text className='section-title'>调整组织树</Text>
            <Btn
              kind='secondary'
              className='org-edit__add-child'
              onClick={() => Taro.navigateTo({ url: `/pages/orgs/org/index?parentId=${encodeURIComponent(org.id)}` })}
            >
              新增下级组织
            </Btn>
            {org.parentId && !org.own ? (
              <>
                <Btn kind='secondary' className='org-edit__move' onClick={() => setMoving((m) => !m)}>
                  {moving ? '取消移动' : '移到其他上级组织'}
                </Btn>
                {moving ? (
                  <OrgChooser
                    nodes={tree.items}
                    value=''
                    onChange={move}
                    exclude={(n) => below.has(n.id) || n.id === org.parentId}
                    className='org-edit__chooser'
                  />
                ) : null}
                <Btn kind={org.disabled ? 'secondary' : 'danger'} className='org-edit__disable' onClick={() => setDisabled(!org.disabled)}>
                  {org.disabled ? '重新启用' : '停用'}
                </Btn>
              </>
            ) : (
              <Text className='muted org-edit__note'>
                {org.parentId ? '这是您所在的工会：移动或停用请联系上级工会的管理员。' : '县总工会是组织树的根，不能移动或停用。'}
              </Text>
            )}
          </View>
        </>
      ) : null}
    </>
  )
}
