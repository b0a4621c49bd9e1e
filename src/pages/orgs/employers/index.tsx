import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import SearchBar from '@/components/SearchBar'
import PagedListState from '@/components/PagedListState'
import RoleGate from '@/components/RoleGate'
import { orgsApi } from '@/contracts/orgs/api'
import { usePagedQuery } from '@/data'
import '../shared/orgs.scss'
import './index.scss'

/** 用人单位: employers with their own union, found by any of their names; each routes 入会 applications to its union. */
export default function EmployersPage() {
  return <RoleGate spec={orgsApi.employers}>{() => <Employers />}</RoleGate>
}

function Employers() {
  const [query, setQuery] = useState('')
  // The search runs on 搜索, not on every keystroke; reloaded on every show (back from adding or editing one).
  const [applied, setApplied] = useState('')
  const employers = usePagedQuery('orgs', 'employers', { q: applied || undefined, pageSize: 20 })
  const { list } = employers
  const search = (q: string) => (q.trim() === applied ? employers.reload(true) : setApplied(q.trim()))

  return (
    <View className='page org-employers-page'>
      <View className='card org-employers-page__head'>
        <Text className='muted'>职工在入会申请中填写这些单位名称（或别名）时，申请直接分派到所属工会。</Text>
        <View className='row-actions'>
          <Btn className='org-employers-page__add' onClick={() => Taro.navigateTo({ url: '/pages/orgs/employer/index' })}>
            添加用人单位
          </Btn>
          <Btn kind='secondary' onClick={() => Taro.navigateTo({ url: '/pages/orgs/import/index' })}>
            Excel 导入
          </Btn>
        </View>
      </View>
      <SearchBar value={query} onInput={setQuery} onSearch={search} placeholder='按单位名称或别名搜索' />
      {list.page > 0 || !list.loading ? <Text className='org-employers-page__count'>共 {list.total} 个用人单位</Text> : null}
      {list.items.map((e) => (
        <View
          key={e.id}
          className='card org-employer-card'
          onClick={() => Taro.navigateTo({ url: `/pages/orgs/employer/index?id=${encodeURIComponent(e.id)}` })}
        >
          <Text className='org-employer-card__name'>{e.name}</Text>
          {e.aliases.length ? <Text className='org-employer-card__aliases'>别名：{e.aliases.join('、')}</Text> : null}
          <View className='org-employer-card__org'>
            <Text className='org-employer-card__to'>分派到 {e.orgName}</Text>
            {e.orgDisabled ? <Text className='org-off'>已停用</Text> : null}
          </View>
        </View>
      ))}
      <PagedListState
        list={list}
        onLoad={(page) => (page <= 1 ? employers.reload() : employers.more())}
        empty={{ title: applied ? '没有找到这个单位' : '还没有用人单位', detail: '添加有自己工会的单位，职工入会时即可自动分派。' }}
      />
    </View>
  )
}
