import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../../shared/adapters/collectors/_csv.ts';

describe('CSV records (credential report)', () => {
  it('keys rows by header, keeping quoted commas, doubled quotes and CRLF line ends', () => {
    const text = 'user,arn,mfa_active\r\n"ci,deploy",arn:aws:iam::111122223333:user/ci,false\r\n"say ""hi""",arn:aws:iam::111122223333:user/hi,true\r\n';

    expect(parseCsvRecords(text)).toEqual([
      { user: 'ci,deploy', arn: 'arn:aws:iam::111122223333:user/ci', mfa_active: 'false' },
      { user: 'say "hi"', arn: 'arn:aws:iam::111122223333:user/hi', mfa_active: 'true' },
    ]);
  });

  it('reads a last row without a line end, and nothing from an empty report', () => {
    expect(parseCsvRecords('user,mfa_active\nalice,true')).toEqual([{ user: 'alice', mfa_active: 'true' }]);
    expect(parseCsvRecords('')).toEqual([]);
    expect(parseCsvRecords('user,mfa_active\n')).toEqual([]);
  });
});
