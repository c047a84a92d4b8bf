import { withDatabase } from './test-database';

describe('withDatabase', () => {
  it('points a server URL at another database, keeping credentials, host and options', () => {
    expect(withDatabase('postgres://app:s3cret@127.0.0.1:5432/postgres?sslmode=disable', 'carecast_x')).toBe(
      'postgres://app:s3cret@127.0.0.1:5432/carecast_x?sslmode=disable',
    );
  });

  it('adds the database to a URL that names none', () => {
    expect(withDatabase('postgres://postgres@localhost:5432', 'carecast_y')).toBe(
      'postgres://postgres@localhost:5432/carecast_y',
    );
  });
});
