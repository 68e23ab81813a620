import { CoalescedReads } from './coalesced-reads.js';

/** A read whose statements the test finishes by hand, so the order of asking and answering is exact. */
function heldReads(options = { concurrent: 1, batch: 100 }) {
  const statements: Array<{ questions: number[]; finish: () => void; fail: (error: Error) => void }> = [];
  const reads = new CoalescedReads<number, string>(
    (questions) =>
      new Promise((finish, fail) => {
        statements.push({ questions: [...questions], finish: () => finish(questions.map((q) => `answer ${q}`)), fail });
      }),
    options,
  );
  return { reads, statements };
}

const settle = () => new Promise((done) => setImmediate(done));

describe('CoalescedReads', () => {
  it('sends a question asked alone at once, in a statement of its own', async () => {
    const { reads, statements } = heldReads();
    const answer = reads.read(1);
    expect(statements.map((s) => s.questions)).toEqual([[1]]);
    statements[0].finish();
    await expect(answer).resolves.toBe('answer 1');
  });

  it('never answers a question from the statement already running when it was asked; those asked meanwhile go together next', async () => {
    const { reads, statements } = heldReads();
    const first = reads.read(1);
    const later = [reads.read(2), reads.read(3), reads.read(2)];
    // Asked after statement 1 was sent, so statement 1 may have read before a commit the askers have seen.
    expect(statements.map((s) => s.questions)).toEqual([[1]]);
    statements[0].finish();
    await expect(first).resolves.toBe('answer 1');
    await settle();
    expect(statements.map((s) => s.questions)).toEqual([[1], [2, 3, 2]]);
    statements[1].finish();
    await expect(Promise.all(later)).resolves.toEqual(['answer 2', 'answer 3', 'answer 2']);
  });

  it('runs as many statements at once as allowed, and splits the waiting questions into batches of the given size', async () => {
    const { reads, statements } = heldReads({ concurrent: 2, batch: 2 });
    const answers = [1, 2, 3, 4, 5, 6].map((q) => reads.read(q));
    expect(statements.map((s) => s.questions)).toEqual([[1], [2]]);
    statements[0].finish();
    await settle();
    expect(statements.map((s) => s.questions)).toEqual([[1], [2], [3, 4]]);
    statements[1].finish();
    await settle();
    expect(statements.map((s) => s.questions)).toEqual([[1], [2], [3, 4], [5, 6]]);
    statements[2].finish();
    statements[3].finish();
    await expect(Promise.all(answers)).resolves.toEqual([1, 2, 3, 4, 5, 6].map((q) => `answer ${q}`));
  });

  it('fails the questions of a failed statement only, and goes on with the next', async () => {
    const { reads, statements } = heldReads();
    const first = reads.read(1);
    const second = reads.read(2);
    statements[0].fail(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await settle();
    statements[1].finish();
    await expect(second).resolves.toBe('answer 2');
  });

  it('fails a statement that answers a different number of questions than it was asked', async () => {
    const wrong = new CoalescedReads<number, number>(() => Promise.resolve([]), { concurrent: 1, batch: 10 });
    await expect(wrong.read(1)).rejects.toThrow('0 answers to 1 questions');
  });
});
