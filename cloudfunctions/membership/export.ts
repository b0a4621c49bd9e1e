import { HUKOU_TYPES, newEmploymentLabel } from '../../src/contracts/membership/options'
import { streamedXlsx } from '../_core/xlsx-stream'
import type { Pii } from '../_core/keys'
import type { ApplicationDoc } from './model'

/**
 * The approved members as a real .xlsx, ID and phone masked unless the exporter is an admin. Streamed row by row:
 * a county's member list runs to tens of thousands of rows.
 */
export async function membersWorkbook(members: ApplicationDoc[], pii: Pii, unmasked: boolean): Promise<Buffer> {
  return streamedXlsx((wb) => {
    const ws = wb.addWorksheet('会员名单', { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = [
      // Text columns: Excel would otherwise turn an 18-digit ID into 3.71481E+17 and lose digits.
      { header: '会员编号', key: 'memberNo', width: 20, style: { numFmt: '@' } },
      { header: '姓名', key: 'name', width: 10 },
      { header: '性别', key: 'gender', width: 6 },
      { header: '民族', key: 'ethnicity', width: 8 },
      { header: '身份证号', key: 'id', width: 22, style: { numFmt: '@' } },
      { header: '手机号', key: 'phone', width: 14 },
      { header: '学历', key: 'education', width: 14 },
      { header: '政治面貌', key: 'politicalStatus', width: 12 },
      { header: '工作单位', key: 'employer', width: 28 },
      { header: '职业/工种', key: 'occupation', width: 12 },
      { header: '户籍类型', key: 'hukou', width: 16 },
      { header: '新就业形态', key: 'newEmployment', width: 14 },
      { header: '所属工会', key: 'org', width: 30 },
      { header: '入会日期', key: 'joinDate', width: 12 },
    ]
    const header = ws.getRow(1)
    header.font = { bold: true }
    header.commit()
    for (const m of members) {
      ws.addRow({
        memberNo: m.memberNo,
        name: m.name,
        gender: m.gender,
        ethnicity: m.ethnicity,
        id: unmasked ? pii.decrypt(m.idCipher) : m.idMasked,
        phone: unmasked ? pii.decrypt(m.phoneCipher) : m.phoneMasked,
        education: m.education,
        politicalStatus: m.politicalStatus,
        employer: m.employer,
        occupation: m.occupation,
        hukou: HUKOU_TYPES.find((h) => h.key === m.hukouType)?.label ?? m.hukouType,
        newEmployment: newEmploymentLabel(m.newEmploymentType),
        org: m.orgName,
        joinDate: m.joinDate,
      }).commit()
    }
    ws.commit()
  })
}
