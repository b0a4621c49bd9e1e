import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import TextField from '@/components/TextField'
import { orgKindLabel } from '@/contracts/orgs/labels'
import { orgsApi } from '@/contracts/orgs/api'
import { saveCountyInput, type OrgNode, type OrgTree } from '@/contracts/orgs/schemas'
import { useForm, useMutation, useQuery } from '@/data'
import { alert, confirm } from '@/utils/dialog'
import '../shared/orgs.scss'
import './index.scss'

/** 组织架构: the caller's part of the org tree, indented, with the county's settings and the ways in to 街道/乡镇, 用人单位 and import. */
export default function OrgTreePage() {
  return <RoleGate spec={orgsApi.tree}>{() => <Tree />}</RoleGate>
}

function Tree() {
  // Reloaded on every show: back from an org, the areas or an import.
  const orgTree = useQuery('orgs', 'tree', {})
  return (
    <View className='page org-tree'>
      <PageState query={orgTree}>
        {(tree) => (
          <>
            <County tree={tree} onSaved={(county) => orgTree.setData((t) => ({ ...t, county, countyAdmin: true }))} />
            <View className='row-actions org-tree__links'>
              <Btn kind='secondary' size='sm' className='org-tree__areas' onClick={() => Taro.navigateTo({ url: '/pages/orgs/areas/index' })}>
                街道/乡镇
              </Btn>
              <Btn kind='secondary' size='sm' className='org-tree__employers' onClick={() => Taro.navigateTo({ url: '/pages/orgs/employers/index' })}>
                用人单位
              </Btn>
              <Btn kind='secondary' size='sm' className='org-tree__import' onClick={() => Taro.navigateTo({ url: '/pages/orgs/import/index' })}>
                Excel 导入
              </Btn>
            </View>
            {tree.detached.length && tree.county ? (
              <Detached items={tree.detached} county={tree.county} onRepaired={() => void orgTree.reload(true)} />
            ) : null}
            <Text className='section-title'>组织树 · {tree.items.length} 个组织</Text>
            <View className='card org-tree__list'>
              {tree.items.map((n) => (
                <OrgRow key={n.id} node={n} areas={tree.areas} />
              ))}
            </View>
            <Text className='footnote'>点组织可修改名称、类型、电话、服务街道，新增下级、移动或停用。</Text>
          </>
        )}
      </PageState>
    </View>
  )
}

function OrgRow({ node, areas }: { node: OrgNode; areas: OrgTree['areas'] }) {
  const streets = node.regions.map((id) => areas.find((a) => a.id === id)?.name).filter(Boolean)
  const details = [streets.length ? `服务：${streets.join('、')}` : '', node.phone ? `电话 ${node.phone}` : ''].filter(Boolean)
  return (
    <View
      className={`org-row org-depth-${Math.min(node.depth, 8)} ${node.disabled ? 'org-row--off' : ''}`}
      onClick={() => Taro.navigateTo({ url: `/pages/orgs/org/index?id=${encodeURIComponent(node.id)}` })}
    >
      <View className='org-row__body'>
        <View className='org-row__top'>
          {node.depth ? <Text className='org-row__branch'>└</Text> : null}
          <Text className='org-row__name'>{node.name}</Text>
        </View>
        <View className='org-row__meta'>
          <Text className={`org-kind org-kind--${node.kind}`}>{orgKindLabel(node.kind)}</Text>
          {node.disabled ? <Text className='org-off'>已停用</Text> : null}
          {details.length ? <Text className='org-row__details'>{details.join(' · ')}</Text> : null}
        </View>
      </View>
      <Text className='org-row__arrow'>›</Text>
    </View>
  )
}

/**
 * Orgs no chain of parents leads to (their parent is gone, or parents loop): nobody governs them and 入会 can
 * not route to their members' unions properly. The county admin hangs each back under the county federation,
 * from where 移动 puts it in its place.
 */
function Detached({ items, county, onRepaired }: { items: OrgNode[]; county: NonNullable<OrgTree['county']>; onRepaired: () => void }) {
  const repairOrg = useMutation('orgs', 'repairOrg', { success: '已挂回', onSuccess: onRepaired, onError: (e) => void alert('无法挂回', e.message) })
  const repair = async (node: OrgNode) => {
    const ok = await confirm({
      title: '挂回组织树？',
      content: `把「${node.name}」挂到「${county.name}」之下，它的下级组织随它一起回到组织树上。之后可再移动到合适的位置。`,
      confirmText: '挂回',
    })
    if (ok) await repairOrg.run({ id: node.id, parentId: county.orgId })
  }
  return (
    <View className='card org-detached'>
      <Text className='org-detached__title'>{items.length} 个组织不在组织树上</Text>
      <Text className='muted org-detached__why'>它们的上级组织已不存在，或上级关系绕成了圈，因此不在下面的组织树中。请逐个挂回。</Text>
      {items.map((n) => (
        <View key={n.id} className='org-detached__row'>
          <Text className='org-detached__name'>{n.name}</Text>
          <Btn kind='secondary' size='sm' className='org-detached__repair' onClick={() => repair(n)}>
            挂回
          </Btn>
        </View>
      ))}
    </View>
  )
}

/** The county's name and 行政区划代码 (member numbers start with it); its admins may correct the code here. */
function County({ tree, onSaved }: { tree: OrgTree; onSaved: (county: NonNullable<OrgTree['county']>) => void }) {
  const [editing, setEditing] = useState(false)
  const form = useForm({ initial: { regionCode: '' }, schema: saveCountyInput })
  const saveCounty = useMutation('orgs', 'saveCounty', {
    success: '已保存',
    onSuccess: (county) => {
      onSaved(county)
      setEditing(false)
    },
  })
  const root = tree.items.find((n) => !n.parentId)
  const canEdit = tree.countyAdmin || (!tree.county && !!root?.own)
  const save = () => form.submit((data) => saveCounty.run(data))

  return (
    <View className='card org-county'>
      <Text className='org-county__name'>{tree.county?.name || root?.name || '组织架构'}</Text>
      {editing ? (
        <>
          <TextField
            label='行政区划代码'
            name='regionCode'
            type='number'
            value={form.values.regionCode}
            maxlength={6}
            error={form.error('regionCode') ?? (form.formError && form.tried ? form.formError : undefined)}
            hint='县级 6 位代码，如乐陵市 371481；新会员的会员编号以它开头。'
            onInput={(v) => form.set('regionCode', v)}
          />
          <View className='row-actions'>
            <Btn kind='secondary' size='sm' onClick={() => setEditing(false)}>
              取消
            </Btn>
            <Btn size='sm' className='org-county__save' loading={saveCounty.busy} onClick={save}>
              保存
            </Btn>
          </View>
        </>
      ) : (
        <View className='org-county__code'>
          <Text className='muted'>{tree.county ? `行政区划代码 ${tree.county.regionCode}` : '尚未设置行政区划代码：入会申请暂不能提交'}</Text>
          {canEdit ? (
            <Text
              className='org-county__edit'
              onClick={() => {
                form.reset({ regionCode: tree.county?.regionCode ?? '' })
                setEditing(true)
              }}
            >
              {tree.county ? '修改' : '设置'}
            </Text>
          ) : null}
        </View>
      )}
    </View>
  )
}
