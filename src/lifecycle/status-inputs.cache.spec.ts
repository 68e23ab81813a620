import { StatusInputsCache, type StatusInputs } from './status-inputs.cache.js';

function inputs(agreementId: string, revision: string): StatusInputs {
  return {
    revision,
    history: { agreementId, versions: [], freezes: [], signatures: [], amendments: [], followUpOf: null },
    successor: null,
    missingFacts: new Map(),
  };
}

describe('StatusInputsCache', () => {
  it('keeps the latest inputs per agreement', () => {
    const cache = new StatusInputsCache({ statusCacheEntries: 10 });
    cache.set('a', inputs('a', '1'));
    cache.set('a', inputs('a', '7'));
    expect(cache.get('a')?.revision).toBe('7');
    expect(cache.get('b')).toBeUndefined();
  });

  it('drops the least recently used agreement first, a read counting as use', () => {
    const cache = new StatusInputsCache({ statusCacheEntries: 2 });
    cache.set('a', inputs('a', '1'));
    cache.set('b', inputs('b', '2'));
    cache.get('a');
    cache.set('c', inputs('c', '3'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.revision).toBe('1');
    expect(cache.get('c')?.revision).toBe('3');
  });

  it('keeps nothing with 0 entries', () => {
    const cache = new StatusInputsCache({ statusCacheEntries: 0 });
    cache.set('a', inputs('a', '1'));
    expect(cache.get('a')).toBeUndefined();
  });
});
