//! CAMEO code tables: names, Goldstein scores, QuadClass, PLOVER (being written).

pub struct CameoTables {}

impl CameoTables {
    pub fn bundled() -> CameoTables {
        CameoTables {}
    }
}
