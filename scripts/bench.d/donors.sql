SELECT * FROM donor_fund_totals
 WHERE fund_id = (SELECT id FROM fund_by_code('GAZA'))
   AND CASE 'all'::text WHEN 'contributed' THEN received > 0 WHEN 'pledged' THEN pledged > 0 ELSE true END
 ORDER BY donor COLLATE "fr-x-icu", donor_id;
