import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { parseAgreement } from '../documents/parse-agreement.js';
import { BERLIN_DISTRICTS, isBerlinDistrict } from './districts.js';

describe('Berlin districts', () => {
  it('are exactly the district parties of the shipped agreement, under the same ids', () => {
    const result = parseAgreement(readFileSync(join(projectRoot(), 'agreements/soziale-wohnhilfen.yaml'), 'utf8'));
    if (!result.ok) throw new Error('the shipped agreement does not parse');
    const districts = result.content.parties.filter((p) => p.kind === 'district').map((p) => p.id);
    expect([...BERLIN_DISTRICTS].sort()).toEqual(districts.sort());
  });

  it('does not count a Senate department, a council body or nothing as a district', () => {
    expect(isBerlinDistrict('neukoelln')).toBe(true);
    expect(isBerlinDistrict('senias')).toBe(false);
    expect(isBerlinDistrict('bvv-neukoelln')).toBe(false);
    expect(isBerlinDistrict('Neukoelln')).toBe(false);
    expect(isBerlinDistrict(null)).toBe(false);
  });
});
