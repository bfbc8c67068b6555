-- Every keyed hash a certificate's candidate is known by: the one under ingest's current key and, while that key is
-- being rotated, those under the keys being retired (ingest sends them all). "One person, several certificates"
-- joins through this table, so certificates hashed before a rotation match those hashed after it.
CREATE TABLE certificate_hashes (
    candidate_hash text NOT NULL,
    certificate_no text NOT NULL REFERENCES certificates (certificate_no) ON DELETE CASCADE,
    PRIMARY KEY (candidate_hash, certificate_no)
);
CREATE INDEX certificate_hashes_certificate ON certificate_hashes (certificate_no);

INSERT INTO certificate_hashes (candidate_hash, certificate_no) SELECT candidate_hash, certificate_no FROM certificates;
