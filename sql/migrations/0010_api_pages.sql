-- FundLedger 0010: the HTTP service's lists page in id order (`WHERE id > cursor ORDER BY id
-- LIMIT n`, issue 11). Filtered by fund (or donor), a page walks the (filter, id) index and stops
-- after n rows, instead of reading every row of the fund and sorting them. Contributions by
-- donor keep the (donor_id, fund_id, received_on) index of 0005: one donor's rows are few, and
-- an import (the bulk writer) pays for each index of contributions.
CREATE INDEX pledge_fund_id ON pledges (fund_id, id);
CREATE INDEX pledge_donor_id ON pledges (donor_id, id);
CREATE INDEX contribution_fund_id ON contributions (fund_id, id);
CREATE INDEX disbursement_fund_id ON disbursements (fund_id, id);
CREATE INDEX disbursement_project_id ON disbursements (project_id, id);
