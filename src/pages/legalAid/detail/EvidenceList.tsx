import { Text, View } from '@tarojs/components'
import type { CaseDetail } from '@/contracts/legalAid/schemas'
import { alert } from '@/utils/dialog'
import { openFile } from '../shared/files'

/** The case's files; each opens through a short-lived link made for this reader. */
export default function EvidenceList({ files }: { files: CaseDetail['files'] }) {
  const open = async (f: CaseDetail['files'][number]) => {
    const err = await openFile(f)
    if (err) await alert('打不开文件', err)
  }
  return (
    <>
      <Text className='section-title'>证据（{files.length}）</Text>
      <View className='card'>
        {files.length ? (
          files.map((f) => (
            <View key={f.id} className='legal-detail__file' onClick={() => void open(f)}>
              <Text>
                <Text className='legal-detail__file-kind'>{f.type === 'application/pdf' ? 'PDF' : '图片'}</Text>
                {f.name}
              </Text>
              <Text className='muted'>{Math.max(1, Math.round(f.size / 1024))} KB · 查看</Text>
            </View>
          ))
        ) : (
          <Text className='muted'>没有上传证据</Text>
        )}
      </View>
    </>
  )
}
