//! Output formats: doc, events, GDELT 2.0, PLOVER (being written).
