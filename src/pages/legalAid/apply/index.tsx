import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import { call } from '@/api/client'
import { askForNotices } from '@/api/subscribe'
import { CATEGORIES, CATEGORY_LABELS, GROUP_SIZE, GUIDE, MAX_FILES, submitInput, type Category, type FileInfo } from '@/contracts/legalAid/schemas'
import { confirm } from '@/utils/dialog'
import { check, toFieldMessages, type FieldMessages } from '@/utils/form'
import { pickPdf, pickPhotos, uploadPicked, type Picked } from '../shared/files'
import { DETAIL_URL } from '../shared/format'
import './index.scss'

export default function ApplyPage() {
  const [category, setCategory] = useState<Category | ''>('')
  const [employer, setEmployer] = useState('')
  const [facts, setFacts] = useState('')
  const [claim, setClaim] = useState('')
  const [amount, setAmount] = useState('')
  const [phone, setPhone] = useState('')
  const [groupSize, setGroupSize] = useState('1')
  const [files, setFiles] = useState<FileInfo[]>([])
  const [uploading, setUploading] = useState(false)
  const [errors, setErrors] = useState<FieldMessages>({})
  const [formError, setFormError] = useState('')
  const [sending, setSending] = useState(false)

  const guide = category ? GUIDE[category] : null
  const size = Number(groupSize) || 1
  const group = category === 'wage' && size >= GROUP_SIZE

  const upload = async (picked: Picked[], refused: string[]) => {
    if (!picked.length && !refused.length) return
    setUploading(true)
    const failed = [...refused]
    const added: FileInfo[] = []
    for (const p of picked) {
      const r = await uploadPicked(p)
      if (r.ok) added.push(r.data)
      else failed.push(`${p.name}：${r.error.fields?.[0]?.message ?? r.error.message}`)
    }
    setUploading(false)
    setFiles((f) => [...f, ...added])
    setErrors((e) => ({ ...e, fileIds: '' }))
    if (failed.length) void Taro.showModal({ title: '有文件未上传', content: failed.join('\n'), showCancel: false, confirmText: '知道了' })
  }

  const addPhotos = async () => {
    if (uploading) return
    const { files: picked, refused } = await pickPhotos(MAX_FILES - files.length)
    await upload(picked, refused)
  }
  const addPdf = async () => {
    if (uploading) return
    const r = await pickPdf()
    if (!r) return
    if ('error' in r) await upload([], [r.error])
    else await upload([r], [])
  }

  const submit = async () => {
    if (sending) return
    setFormError('')
    const value = {
      category: category || undefined,
      employer,
      facts,
      claim,
      amount: amount.trim() ? Number(amount) : undefined,
      phone,
      groupSize: category === 'wage' ? size : 1,
      fileIds: files.map((f) => f.id),
    }
    const checked = check(submitInput, value)
    if (!checked.ok) {
      setErrors(checked.errors)
      setFormError('请按提示修改后再提交')
      return
    }
    setErrors({})
    const ok = await confirm({
      title: '确认提交申请？',
      content: `${CATEGORY_LABELS[checked.data.category]} · ${checked.data.employer}${group ? `\n${size} 人群体案件，将优先办理` : ''}\n证据 ${files.length} 个文件。提交后工会工作人员和承办律师可以查看。`,
      confirmText: '提交',
      cancelText: '再看看',
      danger: true,
    })
    if (!ok) return
    // WeChat lets a page ask for subscriptions only in the chain of a tap: the confirm tap is the last one
    // before the union's decision and the lawyer's messages, which arrive as these notices.
    await askForNotices(['legal_aid_update', 'legal_aid_message'])
    setSending(true)
    const r = await call('legalAid', 'submit', checked.data)
    setSending(false)
    if (!r.ok) {
      setErrors(toFieldMessages(r.error.fields))
      setFormError(r.error.message)
      return
    }
    Taro.showToast({ title: '已提交', icon: 'success' })
    void Taro.redirectTo({ url: DETAIL_URL(r.data.id) })
  }

  return (
    <View className='page legal-apply'>
      <Text className='section-title'>1. 遇到了什么纠纷？</Text>
      <View className='legal-apply__categories'>
        {CATEGORIES.map((c) => (
          <View
            key={c}
            className={`legal-apply__category legal-apply__category--${c} ${category === c ? 'legal-apply__category--on' : ''}`}
            onClick={() => {
              setCategory(c)
              setErrors((e) => ({ ...e, category: '' }))
            }}
          >
            <Text>{CATEGORY_LABELS[c]}</Text>
          </View>
        ))}
      </View>
      {errors.category ? <Text className='legal-apply__error'>{errors.category}</Text> : null}

      {guide ? (
        <View className='card legal-apply__guide'>
          <Text className='legal-apply__guide-title'>请准备这些证据（有多少拍多少）</Text>
          {guide.evidence.map((e) => (
            <Text key={e} className='legal-apply__evidence'>
              □ {e}
            </Text>
          ))}
          {category === 'wage' || category === 'injury' ? <Text className='legal-apply__exempt'>讨要工资、工伤赔偿免予经济困难审查。</Text> : null}
        </View>
      ) : null}

      <Text className='section-title'>2. 说说情况</Text>
      <View className='card'>
        <Field label='用人单位' name='employer' required error={errors.employer}>
          <Input
            className='legal-apply__input'
            value={employer}
            maxlength={60}
            placeholder='单位全称或老板姓名'
            onInput={(e) => setEmployer(e.detail.value)}
          />
        </Field>
        <Field label='事实经过' name='facts' required error={errors.facts} hint={guide ? `例：${guide.factsExample}` : undefined}>
          <Textarea
            className='legal-apply__textarea'
            value={facts}
            maxlength={2000}
            placeholder='什么时候、在哪里、发生了什么'
            onInput={(e) => setFacts(e.detail.value)}
          />
        </Field>
        <Field label='您的诉求' name='claim' required error={errors.claim} hint={guide ? `例：${guide.claimExample}` : undefined}>
          <Textarea
            className='legal-apply__textarea legal-apply__textarea--short'
            value={claim}
            maxlength={500}
            placeholder='希望得到什么结果'
            onInput={(e) => setClaim(e.detail.value)}
          />
        </Field>
        <Field label='涉及金额（元）' name='amount' error={errors.amount}>
          <Input className='legal-apply__input' type='digit' value={amount} placeholder='选填' onInput={(e) => setAmount(e.detail.value)} />
        </Field>
        {category === 'wage' ? (
          <Field
            label='一起讨薪的人数'
            name='group-size'
            error={errors.groupSize}
            hint={group ? '3 人以上为群体案件，工会优先办理' : '3 人以上一起讨薪请如实填写人数'}
          >
            <Input className='legal-apply__input' type='number' value={groupSize} onInput={(e) => setGroupSize(e.detail.value)} />
          </Field>
        ) : null}
        <Field label='手机号' name='phone' required error={errors.phone} hint='加密保存，只有工会工作人员和承办律师能看到'>
          <Input
            className='legal-apply__input'
            type='number'
            maxlength={11}
            value={phone}
            placeholder='方便律师联系您'
            onInput={(e) => setPhone(e.detail.value)}
          />
        </Field>
      </View>

      <Text className='section-title'>3. 证据照片或 PDF（选填，最多 {MAX_FILES} 个，每个不超过 5 MB）</Text>
      <View className='card legal-apply__files'>
        {files.map((f) => (
          <View key={f.id} className='legal-apply__file'>
            <Text className='legal-apply__file-name'>{f.name}</Text>
            <Text className='legal-apply__file-remove' onClick={() => setFiles((x) => x.filter((y) => y.id !== f.id))}>
              移除
            </Text>
          </View>
        ))}
        <View className='legal-apply__file-actions'>
          <Btn kind='secondary' size='sm' className='legal-apply__add-photo' disabled={uploading || files.length >= MAX_FILES} onClick={addPhotos}>
            {uploading ? '正在上传…' : '拍照或选照片'}
          </Btn>
          {process.env.TARO_ENV === 'weapp' ? (
            <Btn kind='secondary' size='sm' disabled={uploading || files.length >= MAX_FILES} onClick={addPdf}>
              从聊天选 PDF
            </Btn>
          ) : null}
        </View>
        {errors.fileIds ? <Text className='legal-apply__error'>{errors.fileIds}</Text> : null}
        <Text className='muted legal-apply__privacy'>证据存放在私有空间，只有您、受理工会和承办律师能通过临时链接查看，每次查看都有记录。</Text>
      </View>

      {formError ? <Text className='legal-apply__error legal-apply__form-error'>{formError}</Text> : null}
      <Btn className='legal-apply__submit' disabled={sending || uploading} onClick={submit}>
        {sending ? '正在提交…' : '提交申请'}
      </Btn>
    </View>
  )
}
