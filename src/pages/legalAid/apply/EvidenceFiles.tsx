import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import FieldError from '@/components/FieldError'
import { MAX_FILES, type FileInfo } from '@/contracts/legalAid/schemas'
import { alert } from '@/utils/dialog'
import { pickPdf, pickPhotos, uploadPicked, type Picked } from '../shared/files'

interface Props {
  files: FileInfo[]
  onChange: (files: FileInfo[]) => void
  error?: string
  /** how many files may still be added */
  room?: number
  /** upload into this case (and against this item of a 补充材料 list) rather than keep them loose for a submit */
  caseId?: string
  docItem?: number
  onUploading?: (busy: boolean) => void
  /** the button's words */
  label?: string
  className?: string
}

/** Photos (and in WeChat, PDFs from a chat) uploaded one by one; what the server refuses is said file by file. */
export default function EvidenceFiles({ files, onChange, error, room, caseId, docItem, onUploading, label = '拍照或选照片', className }: Props) {
  const [uploading, setUploading] = useState(false)
  const left = room ?? MAX_FILES - files.length

  const upload = async (picked: Picked[], refused: string[]) => {
    if (!picked.length && !refused.length) return
    setUploading(true)
    onUploading?.(true)
    const failed = [...refused]
    const added: FileInfo[] = []
    for (const p of picked) {
      const r = await uploadPicked(p, caseId, docItem)
      if (r.ok) added.push(r.data)
      else failed.push(`${p.name}：${r.error.fields?.[0]?.message ?? r.error.message}`)
    }
    setUploading(false)
    onUploading?.(false)
    onChange([...files, ...added])
    if (failed.length) await alert('有文件未上传', failed.join('\n'))
  }

  const addPhotos = async () => {
    if (uploading) return
    const { files: picked, refused } = await pickPhotos(left)
    await upload(picked, refused)
  }
  const addPdf = async () => {
    if (uploading) return
    const r = await pickPdf()
    if (!r) return
    if ('error' in r) await upload([], [r.error])
    else await upload([r], [])
  }

  return (
    <View className={`legal-files ${className ?? ''}`}>
      {files.map((f) => (
        <View key={f.id} className='legal-apply__file'>
          <Text className='legal-apply__file-name'>{f.name}</Text>
          {caseId ? (
            <Text className='muted'>已上传</Text>
          ) : (
            <Text className='legal-apply__file-remove' onClick={() => onChange(files.filter((y) => y.id !== f.id))}>
              移除
            </Text>
          )}
        </View>
      ))}
      <View className='legal-apply__file-actions'>
        <Btn kind='secondary' size='sm' className='legal-apply__add-photo' disabled={uploading || left <= 0} onClick={addPhotos}>
          {uploading ? '正在上传…' : label}
        </Btn>
        {process.env.TARO_ENV === 'weapp' ? (
          <Btn kind='secondary' size='sm' disabled={uploading || left <= 0} onClick={addPdf}>
            从聊天选 PDF
          </Btn>
        ) : null}
      </View>
      <FieldError message={error} />
    </View>
  )
}
