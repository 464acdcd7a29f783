CREATE FUNCTION verdicts_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'verdicts are immutable';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER verdicts_no_change BEFORE UPDATE OR DELETE ON verdicts
    FOR EACH ROW EXECUTE FUNCTION verdicts_refuse_change();
