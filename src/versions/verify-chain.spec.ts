import { chainHash, contentHash } from '../documents/canonical.js';
import { verifyChain, type StoredVersion } from './verify-chain.js';

function chain(agreementId: string, yamls: string[], contents: object[]): StoredVersion[] {
  const rows: StoredVersion[] = [];
  contents.forEach((content, i) => {
    const createdAt = new Date(Date.UTC(2026, 0, i + 1));
    const previousHash = rows[i - 1]?.chainHash ?? null;
    const hash = contentHash(content);
    rows.push({
      agreementId,
      number: i + 1,
      yaml: yamls[i],
      content,
      contentHash: hash,
      previousHash,
      author: 'Erika Muster',
      createdAt,
      changeNote: null,
      chainHash: chainHash({
        agreementId,
        number: i + 1,
        previousHash,
        contentHash: hash,
        author: 'Erika Muster',
        createdAt: createdAt.toISOString(),
        changeNote: null,
      }),
    });
  });
  return rows;
}

const rows = () => [
  ...chain('a', ['title: Eins\n', '# Kommentar\ntitle: Zwei\n'], [{ title: 'Eins' }, { title: 'Zwei' }]),
  ...chain('b', ['title: B\n'], [{ title: 'B' }]),
];

describe('verifyChain', () => {
  it('accepts an intact chain', async () => {
    expect(await verifyChain(rows())).toEqual({ ok: true, agreements: 2, versions: 3, firstBroken: null });
  });

  it('names altered content', async () => {
    const r = rows();
    r[1].content = { title: 'Drei' };
    expect((await verifyChain(r)).firstBroken).toEqual({ agreementId: 'a', number: 2, reason: 'stored content does not match its content hash' });
  });

  it('names YAML that no longer matches its content', async () => {
    const r = rows();
    r[0].yaml = 'title: Anders\n';
    expect((await verifyChain(r)).firstBroken).toMatchObject({
      agreementId: 'a',
      number: 1,
      reason: 'stored YAML does not match the stored content',
    });
  });

  it('names a changed author, time or note through the chain hash', async () => {
    const r = rows();
    r[2].author = 'Max Muster';
    expect((await verifyChain(r)).firstBroken).toMatchObject({ agreementId: 'b', number: 1 });
    expect((await verifyChain(r)).firstBroken!.reason).toMatch(/chain hash/);
  });

  it('names a broken link and a gap in the numbering', async () => {
    const relinked = rows();
    relinked[1].previousHash = relinked[2].chainHash;
    expect((await verifyChain(relinked)).firstBroken!.reason).toMatch(/previous hash/);
    const gap = rows().filter((r) => !(r.agreementId === 'a' && r.number === 1));
    expect((await verifyChain(gap)).firstBroken).toMatchObject({ agreementId: 'a', number: 2, reason: 'version number 2 follows nothing' });
  });
});
