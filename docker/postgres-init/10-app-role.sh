#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised: the role the api and the worker
# connect as. It signs in and owns nothing; the migrations (run as the owner, POSTGRES_USER)
# grant it read and write on the tables, and only read and append on the audit trail.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$POSTGRES_APP_PASSWORD" <<'SQL'
CREATE ROLE carecast_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'app_password';
SQL
