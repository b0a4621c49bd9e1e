import { Text, View } from '@tarojs/components'
import { HUKOU_TYPES, newEmploymentLabel } from '@/contracts/membership/options'
import type { ApplicationDetail } from '@/contracts/membership/schemas'

type Row = [label: string, value: string, key: string]

function sections(a: ApplicationDetail): { title: string; rows: Row[] }[] {
  return [
    {
      title: '基本信息',
      rows: [
        ['姓名', a.name, 'name'],
        ['性别', a.gender, 'gender'],
        ['民族', a.ethnicity, 'ethnicity'],
        ['身份证号', a.idNumberMasked, 'id-number'],
        ['手机号', a.phoneMasked, 'phone'],
        ['学历', a.education, 'education'],
        ['政治面貌', a.politicalStatus, 'political'],
      ],
    },
    {
      title: '工作信息',
      rows: [
        ['工作单位', a.employer, 'employer'],
        ['职业/工种', a.occupation, 'occupation'],
        ['所在地区', a.regionName || a.region, 'region'],
      ],
    },
    {
      title: '户籍与就业',
      rows: [
        ['户籍类型', HUKOU_TYPES.find((h) => h.key === a.hukouType)?.label ?? a.hukouType, 'hukou'],
        ['新就业形态', newEmploymentLabel(a.newEmploymentType), 'new-employment'],
      ],
    },
  ]
}

/** Every field the applicant gave, in the same three sections as the form they filled in. */
export default function DetailRows({ app }: { app: ApplicationDetail }) {
  return (
    <>
      {sections(app).map((s) => (
        <View key={s.title} className='card detail-section'>
          <Text className='detail-section__title'>{s.title}</Text>
          {s.rows.map(([label, value, key]) => (
            <View key={key} className={`detail-row detail-row--${key}`}>
              <Text className='detail-row__label'>{label}</Text>
              <Text className='detail-row__value'>{value || '—'}</Text>
            </View>
          ))}
        </View>
      ))}
    </>
  )
}
