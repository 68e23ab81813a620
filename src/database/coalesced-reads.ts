/**
 * Reads asked for by concurrent requests, sent together: a question waits while a statement of the same kind
 * is running and goes out with all others that came meanwhile, in the next one. So under load one round trip
 * answers many requests, and alone a question goes out at once.
 *
 * Never a stale answer: a question is only answered by a statement sent after it was asked, so the statement's
 * snapshot holds everything committed before the request came. (Joining the statement already running would
 * not: it may have read before a commit the asker has already seen.)
 */
export class CoalescedReads<Q, A> {
  private waiting: Array<{ question: Q; answer: (a: A) => void; fail: (error: unknown) => void }> = [];
  private running = 0;

  /**
   * @param readAll answers the questions in their order, in one statement
   * @param options.concurrent statements running at once (each on its own connection)
   * @param options.batch most questions in one statement
   */
  constructor(
    private readonly readAll: (questions: Q[]) => Promise<A[]>,
    private readonly options: { concurrent: number; batch: number },
  ) {}

  read(question: Q): Promise<A> {
    return new Promise<A>((answer, fail) => {
      this.waiting.push({ question, answer, fail });
      this.send();
    });
  }

  private send(): void {
    while (this.running < this.options.concurrent && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.batch);
      this.running++;
      this.readAll(batch.map((b) => b.question))
        .then((answers) => {
          if (answers.length !== batch.length) throw new Error(`${answers.length} answers to ${batch.length} questions`);
          batch.forEach((b, k) => b.answer(answers[k]));
        })
        .catch((error: unknown) => batch.forEach((b) => b.fail(error)))
        .finally(() => {
          this.running--;
          this.send();
        });
    }
  }
}
