import { Input, ScrollView, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { orgKindLabel } from '@/contracts/orgs/labels'
import type { OrgNode } from '@/contracts/orgs/schemas'
import './index.scss'

interface Props {
  nodes: OrgNode[]
  /** the chosen org's id, '' for none */
  value: string
  onChange: (id: string) => void
  /** orgs that may not be chosen here (the org itself and its children when moving, disabled unions…) */
  exclude?: (node: OrgNode) => boolean
  className?: string
}

/**
 * Picks one org of the tree: the list indented as the tree is, with a box that narrows it by name. A wheel
 * picker cannot show the tree's shape, and a county's few hundred unions need the filter.
 */
export default function OrgChooser({ nodes, value, onChange, exclude, className }: Props) {
  const [open, setOpen] = useState(!value)
  const [filter, setFilter] = useState('')
  const chosen = nodes.find((n) => n.id === value)
  if (chosen && !open) {
    return (
      <View className={`org-chooser org-chooser--chosen ${className ?? ''}`}>
        <Text className='org-chooser__name'>{chosen.name}</Text>
        <Text className='org-chooser__change' onClick={() => setOpen(true)}>
          更换
        </Text>
      </View>
    )
  }
  const q = filter.trim()
  const shown = nodes.filter((n) => !exclude?.(n) && (!q || n.name.includes(q)))
  return (
    <View className={`org-chooser ${className ?? ''}`}>
      <Input className='field__input org-chooser__filter' value={filter} placeholder='输入名称筛选' onInput={(e) => setFilter(e.detail.value)} />
      <ScrollView scrollY className='org-chooser__list'>
        {shown.length ? null : <Text className='muted org-chooser__none'>没有符合的组织</Text>}
        {shown.map((n) => (
          <View
            key={n.id}
            className={`org-chooser__item org-depth-${q ? 0 : Math.min(n.depth, 8)} ${n.id === value ? 'org-chooser__item--on' : ''}`}
            onClick={() => {
              onChange(n.id)
              setOpen(false)
              setFilter('')
            }}
          >
            <Text className='org-chooser__item-name'>{n.name}</Text>
            <Text className='org-chooser__item-kind'>{orgKindLabel(n.kind)}</Text>
          </View>
        ))}
      </ScrollView>
    </View>
  )
}
