import { Text, View } from '@tarojs/components'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import TextField from '@/components/TextField'
import { orgsApi } from '@/contracts/orgs/api'
import { saveAreaInput, type AreaItem } from '@/contracts/orgs/schemas'
import { useForm, useMutation, useQuery } from '@/data'
import { alert, confirm } from '@/utils/dialog'
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
  const tree = useQuery('orgs', 'tree', {}, { reloadOnShow: false })
  const form = useForm({
    initial: EMPTY,
    schema: saveAreaInput,
    toInput: (f: Form) => ({ ...(f.id ? { id: f.id } : {}), name: f.name, lat: coordinate(f.lat), lng: coordinate(f.lng) }),
  })
  const saveArea = useMutation('orgs', 'saveArea', {
    success: (_res, input) => (input.id ? '已保存' : '已添加'),
    onSuccess: async () => {
      form.reset(EMPTY)
      await tree.reload(true)
    },
  })
  const moveArea = useMutation('orgs', 'moveArea', {
    onSuccess: (res) => tree.setData((d) => ({ ...d, areas: res.items })),
    onError: (e) => void alert('无法调整顺序', e.message),
  })
  const toggle = useMutation('orgs', 'setAreaDisabled', {
    onSuccess: () => tree.reload(true),
    onError: (e) => void alert('操作失败', e.message),
  })
  const f = form.values
  const set = (patch: Partial<Form>) => form.patch(patch)
  const save = () => form.submit((data) => saveArea.run(data))
  const move = (a: AreaItem, offset: -1 | 1) => moveArea.run({ id: a.id, offset })

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
    if (ok) await toggle.run({ id: a.id, disabled })
  }

  return (
    <View className='page org-areas'>
      <PageState query={tree}>
        {(tree) => (
          <>
            {tree.countyAdmin ? (
              <View className='card org-areas__form'>
                <Text className='section-title'>{f.id ? '修改街道/乡镇' : '添加街道/乡镇'}</Text>
                <TextField
                  label='名称'
                  name='name'
                  required
                  value={f.name}
                  maxlength={20}
                  error={form.error('name')}
                  placeholder='如：市中街道'
                  onInput={(v) => set({ name: v })}
                />
                <View className='org-areas__coords'>
                  <TextField
                    label='中心纬度'
                    name='lat'
                    type='digit'
                    value={f.lat}
                    error={form.error('lat')}
                    placeholder='可不填'
                    onInput={(v) => set({ lat: v })}
                  />
                  <TextField
                    label='中心经度'
                    name='lng'
                    type='digit'
                    value={f.lng}
                    error={form.error('lng')}
                    placeholder='可不填'
                    onInput={(v) => set({ lng: v })}
                  />
                </View>
                <Text className='muted org-areas__hint'>
                  中心坐标用于驿站地图按街道定位，填腾讯地图或高德地图上查到的纬度、经度（如 37.7306、117.2166），可以不填。
                </Text>
                <FormError message={form.formError} />
                <View className='row-actions'>
                  {f.id ? (
                    <Btn kind='secondary' onClick={() => form.reset(EMPTY)}>
                      取消
                    </Btn>
                  ) : null}
                  <Btn className='org-areas__save' loading={saveArea.busy} onClick={save}>
                    {f.id ? '保存' : '添加'}
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
                          form.reset({
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
