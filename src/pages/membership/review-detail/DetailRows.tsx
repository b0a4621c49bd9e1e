import InfoRows, { type InfoRow } from '@/components/InfoRows'
import { HUKOU_TYPES, newEmploymentLabel } from '@/contracts/membership/options'
import type { ApplicationDetail } from '@/contracts/membership/schemas'

function sections(a: ApplicationDetail): { title: string; rows: InfoRow[] }[] {
  return [
    {
      title: '基本信息',
      rows: [
        ['姓名', a.name, 'name'],
        ['性别', a.gender, 'gender'],
        ['民族', a.ethnicity, 'ethnicity'],
        ['身份证号', a.idNumberMasked, 'id-number'],
        ['手机号', a.phoneVerified ? `${a.phoneMasked}（微信已验证）` : a.phoneMasked, 'phone'],
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
        <InfoRows key={s.title} title={s.title} rows={s.rows} />
      ))}
    </>
  )
}
