#ifndef FUNDLEDGER_CLIBPQ_SHIM_H
#define FUNDLEDGER_CLIBPQ_SHIM_H

#include <libpq-fe.h>

// Swift does not import character macros such as PG_DIAG_SQLSTATE ('C'),
// so the diagnostic field codes we read are re-exported as constants.
static const int FL_PG_DIAG_SEVERITY = PG_DIAG_SEVERITY_NONLOCALIZED;
static const int FL_PG_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int FL_PG_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
static const int FL_PG_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL;
static const int FL_PG_DIAG_MESSAGE_HINT = PG_DIAG_MESSAGE_HINT;
static const int FL_PG_DIAG_CONTEXT = PG_DIAG_CONTEXT;
static const int FL_PG_DIAG_TABLE_NAME = PG_DIAG_TABLE_NAME;
static const int FL_PG_DIAG_COLUMN_NAME = PG_DIAG_COLUMN_NAME;
static const int FL_PG_DIAG_CONSTRAINT_NAME = PG_DIAG_CONSTRAINT_NAME;

#endif
