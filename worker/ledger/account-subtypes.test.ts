import { describe, expect, it } from 'vitest';
import { accountSubtypeOf, accountSubtypesByType, accountTypes } from './account-subtypes';
import { recordKindSpecs } from './kinds';
import { validateRecord } from './validate';

const account = (over: Record<string, unknown>) => ({ name: 'Slip rent', type: 'income', ...over });

describe('accountSubtypesByType', () => {
  it('lists subtypes for every account type, no subtype under two types, no two spellings of one', () => {
    const seen = new Map<string, string>();
    for (const type of accountTypes) {
      expect(accountSubtypesByType[type].length).toBeGreaterThan(0);
      for (const name of accountSubtypesByType[type]) {
        expect(seen.get(name), `${name} is under ${seen.get(name)} and ${type}`).toBeUndefined();
        seen.set(name, type);
        expect(accountSubtypeOf(type, name)).toBe(name);
      }
    }
  });

  it('reads a subtype whatever its spacing, case or underscores, only under its own type', () => {
    expect(accountSubtypeOf('other_current_asset', 'Undeposited Funds')).toBe('UndepositedFunds');
    expect(accountSubtypeOf('other_current_asset', 'undeposited_funds')).toBe('UndepositedFunds');
    expect(accountSubtypeOf('bank', 'UndepositedFunds')).toBeUndefined();
    expect(accountSubtypeOf('bank', 'Petty cash')).toBeUndefined();
  });
});

describe('an account record', () => {
  const validate = (body: unknown) => validateRecord(recordKindSpecs.account, body);

  it('stores the subtype in its one spelling, and a blank one as none', () => {
    expect(validate(account({ subType: ' service fee income ' }))).toMatchObject({ ok: true, data: { subType: 'ServiceFeeIncome' } });
    const blank = validate(account({ subType: '' }));
    expect(blank.ok && (blank.data as { subType?: string }).subType).toBeUndefined();
    expect(validate(account({}))).toMatchObject({ ok: true });
  });

  it('refuses a subtype of another type, naming the field and the values allowed for this type', () => {
    const result = validate(account({ type: 'bank', subType: 'ServiceFeeIncome' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ code: 'VALIDATION_FAILED', field: 'subType' });
    expect(result.problem.message).toContain('Checking, MoneyMarket');
    expect(result.problem.violations).toEqual([{ field: 'subType', message: expect.stringContaining('not a subtype of a bank account'), allowed: accountSubtypesByType.bank }]);
  });

  it('checks the subtype only once the rest of the record parses', () => {
    const result = validate(account({ name: '', type: 'bank', subType: 'Nope' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.field).toBe('name');
  });
});
