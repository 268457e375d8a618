#!/bin/sh
# Run once by the postgres image when its data volume is empty (/docker-entrypoint-initdb.d). The image's
# POSTGRES_USER is a superuser; the silos get their own role instead, which owns only the SglangCi database
# (PostgreSQL 15 lets a database's owner create tables in its public schema, which is all the migrations need).
set -eu

: "${SGLCI_DB_NAME:?}" "${SGLCI_DB_USER:?}" "${SGLCI_DB_PASSWORD:?}"

# psql variables (:"name" quotes an identifier, :'name' a literal), so no value is spliced into SQL text.
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
    -v role="$SGLCI_DB_USER" -v password="$SGLCI_DB_PASSWORD" -v db="$SGLCI_DB_NAME" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role";
SQL
