import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import TextField from '@/components/TextField'
import { call } from '@/api/client'
import { orgsApi } from '@/contracts/orgs/api'
import { saveAreaInput, type AreaItem } from '@/contracts/orgs/schemas'
import { useLoader } from '@/hooks/useLoader'
import { alert, confirm } from '@/utils/dialog'
import { check, toFieldMessages, type FieldMessages } from '@/utils/form'
import '../shared/orgs.scss'
import './index.scss'

/** 街道/乡镇: the list the 入会 form offers, in its order; the county federation's admins add, rename, reorder and disable. */
export default function AreasPage() {
  return <RoleGate spec={orgsApi.saveArea}>{() => <Areas />}</RoleGate>
}

interface Form {
  id?: string
  name: string
  lat: string
  lng: string
}
const EMPTY: Form = { name: '', lat: '', lng: '' }

/** A typed coordinate: '' is none, anything else goes to the schema as a number (or as text it will name). */
const coordinate = (s: string) => (s.trim() === '' ? null : Number.isFinite(Number(s)) ? Number(s) : s)

function Areas() {
  const { state, reload, setState } = useLoader(() => call('orgs', 'tree'))
  const [form, setForm] = useState<Form>(EMPTY)
  const [errors, setErrors] = useState<FieldMessages>({})
  const [formError, setFormError] = useState('')
  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }))
    setErrors({})
    setFormError('')
  }
  const replaceAreas = (areas: AreaItem[]) => state.kind === 'ready' && setState({ kind: 'ready', data: { ...state.data, areas } })

  const save = async () => {
    const checked = check(saveAreaInput, {
      ...(form.id ? { id: form.id } : {}),
      name: form.name,
      lat: coordinate(form.lat),
      lng: coordinate(form.lng),
    })
    if (!checked.ok) return setErrors(checked.errors)
    const res = await call('orgs', 'saveArea', checked.data)
    if (!res.ok) {
      setErrors(toFieldMessages(res.error.fields))
      setFormError(res.error.message)
      return
    }
    Taro.showToast({ title: form.id ? '已保存' : '已添加', icon: 'success' })
    setForm(EMPTY)
    await reload(true)
  }

  const move = async (a: AreaItem, offset: -1 | 1) => {
    const res = await call('orgs', 'moveArea', { id: a.id, offset })
    if (!res.ok) return alert('无法调整顺序', res.error.message)
    replaceAreas(res.data.items)
  }

  const setDisabled = async (a: AreaItem) => {
    const disabled = !a.disabled
    const ok = await confirm(
      disabled
        ? {
            title: `停用「${a.name}」？`,
            content: '停用后入会申请表不再提供这个街道/乡镇；已提交的申请和已有会员不受影响。',
            confirmText: '停用',
            danger: true,
          }
        : { title: `重新启用「${a.name}」？`, confirmText: '启用' },
    )
    if (!ok) return
    const res = await call('orgs', 'setAreaDisabled', { id: a.id, disabled })
    if (!res.ok) return alert('操作失败', res.error.message)
    await reload(true)
  }

  return (
    <View className='page org-areas'>
      <PageState state={state} onRetry={() => void reload()}>
        {(tree) => (
          <>
            {tree.countyAdmin ? (
              <View className='card org-areas__form'>
                <Text className='section-title'>{form.id ? '修改街道/乡镇' : '添加街道/乡镇'}</Text>
                <TextField
                  label='名称'
                  name='name'
                  required
                  value={form.name}
                  maxlength={20}
                  error={errors.name}
                  placeholder='如：市中街道'
                  onInput={(v) => set({ name: v })}
                />
                <View className='org-areas__coords'>
                  <TextField
                    label='中心纬度'
                    name='lat'
                    type='digit'
                    value={form.lat}
                    error={errors.lat}
                    placeholder='可不填'
                    onInput={(v) => set({ lat: v })}
                  />
                  <TextField
                    label='中心经度'
                    name='lng'
                    type='digit'
                    value={form.lng}
                    error={errors.lng}
                    placeholder='可不填'
                    onInput={(v) => set({ lng: v })}
                  />
                </View>
                <Text className='muted org-areas__hint'>中心坐标用于驿站地图按街道定位（GCJ-02，如 37.7306、117.2166），可以不填。</Text>
                {formError ? <Text className='org-form-error'>{formError}</Text> : null}
                <View className='row-actions'>
                  {form.id ? (
                    <Btn kind='secondary' onClick={() => set(EMPTY)}>
                      取消
                    </Btn>
                  ) : null}
                  <Btn className='org-areas__save' onClick={save}>
                    {form.id ? '保存' : '添加'}
                  </Btn>
                </View>
              </View>
            ) : (
              <Text className='muted org-areas__readonly'>街道/乡镇由县总工会的管理员维护。</Text>
            )}
            <Text className='section-title'>共 {tree.areas.length} 个（按入会申请表中的顺序）</Text>
            <View className='card org-areas__list'>
              {tree.areas.map((a, i) => (
                <View key={a.id} className={`org-area ${a.disabled ? 'org-area--off' : ''}`}>
                  <View className='org-area__main'>
                    <View className='org-area__top'>
                      <Text className='org-area__name'>{a.name}</Text>
                      {a.disabled ? <Text className='org-off'>已停用</Text> : null}
                    </View>
                    <Text className='org-area__center'>{a.lat !== undefined ? `中心 ${a.lat}, ${a.lng}` : '未设置中心坐标'}</Text>
                  </View>
                  {tree.countyAdmin ? (
                    <View className='org-area__actions'>
                      <Text className={`org-area__act ${i === 0 ? 'org-area__act--off' : ''}`} onClick={() => i > 0 && move(a, -1)}>
                        上移
                      </Text>
                      <Text
                        className={`org-area__act ${i === tree.areas.length - 1 ? 'org-area__act--off' : ''}`}
                        onClick={() => i < tree.areas.length - 1 && move(a, 1)}
                      >
                        下移
                      </Text>
                      <Text
                        className='org-area__act org-area__edit'
                        onClick={() =>
                          set({
                            id: a.id,
                            name: a.name,
                            lat: a.lat === undefined ? '' : String(a.lat),
                            lng: a.lng === undefined ? '' : String(a.lng),
                          })
                        }
                      >
                        修改
                      </Text>
                      <Text className='org-area__act org-area__toggle' onClick={() => setDisabled(a)}>
                        {a.disabled ? '启用' : '停用'}
                      </Text>
                    </View>
                  ) : null}
                </View>
              ))}
            </View>
          </>
        )}
      </PageState>
    </View>
  )
}
