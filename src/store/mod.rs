//! The one place that touches IndexedDB.
//!
//! [`Store`] is a small async key-value layer over the schema in [`schema`]: every record is a
//! serde value with `profile` and `id` fields, which together form its key. When IndexedDB cannot
//! be opened (private mode, blocked, quota, no support) the same API runs on an in-memory map and
//! [`Store::is_persistent`] is false, so the app keeps working and says that nothing is saved.

pub mod schema;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub use schema::StoreName;
use schema::{DB_NAME, KEY_PATH, PROFILE_INDEX, VERSION};

/// Why a read or write failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    /// IndexedDB refused the operation (quota, closed connection, …).
    #[error("the browser's database refused the operation: {0}")]
    Database(String),
    /// A record could not be converted to or from its stored form.
    #[error("a stored record could not be read: {0}")]
    Record(String),
}

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        StoreError::Database(e.to_string())
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StoreError {
    fn from(e: indexed_db_futures::error::OpenDbError) -> Self {
        StoreError::Database(e.to_string())
    }
}

type MemoryMap = BTreeMap<(StoreName, String, String), serde_json::Value>;

#[derive(Clone)]
enum Backend {
    Idb(Rc<Database>),
    Memory(Rc<RefCell<MemoryMap>>),
}

/// A handle on the learner data store. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    backend: Backend,
    /// Why IndexedDB could not be used, when it could not.
    unavailable: Option<String>,
}

impl Store {
    /// Opens IndexedDB, upgrading from any earlier schema version; falls back to memory.
    pub async fn open() -> Store {
        Self::open_named(DB_NAME).await
    }

    /// Opens (or creates) the database `name`: tests use their own names.
    pub async fn open_named(name: &str) -> Store {
        match open_database(name).await {
            Ok(db) => Store {
                backend: Backend::Idb(Rc::new(db)),
                unavailable: None,
            },
            Err(e) => Store::memory(Some(e.to_string())),
        }
    }

    /// A store that keeps everything in memory only.
    pub fn memory(reason: Option<String>) -> Store {
        Store {
            backend: Backend::Memory(Rc::default()),
            unavailable: Some(reason.unwrap_or_else(|| "in-memory store".into())),
        }
    }

    /// True when records survive a reload.
    pub fn is_persistent(&self) -> bool {
        matches!(self.backend, Backend::Idb(_))
    }

    /// Why records are not saved, when they are not.
    pub fn unavailable_reason(&self) -> Option<&str> {
        self.unavailable.as_deref()
    }

    /// Closes the connection (tests; the app keeps it open).
    pub fn close(self) {
        if let Backend::Idb(db) = self.backend {
            if let Ok(db) = Rc::try_unwrap(db) {
                db.close();
            }
        }
    }

    /// Writes `record` (which must have `profile` and `id` string fields), replacing any record
    /// with the same key.
    pub async fn put<T: Serialize>(&self, store: StoreName, record: &T) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Idb(db) => {
                let tx = db
                    .transaction(store.as_str())
                    .with_mode(TransactionMode::Readwrite)
                    .build()?;
                let os = tx.object_store(store.as_str())?;
                os.put(record).serde()?.await?;
                tx.commit().await?;
                Ok(())
            }
            Backend::Memory(map) => {
                let value =
                    serde_json::to_value(record).map_err(|e| StoreError::Record(e.to_string()))?;
                let (profile, id) = key_of(&value)?;
                map.borrow_mut().insert((store, profile, id), value);
                Ok(())
            }
        }
    }

    /// Reads one record.
    pub async fn get<T: DeserializeOwned>(
        &self,
        store: StoreName,
        profile: &str,
        id: &str,
    ) -> Result<Option<T>, StoreError> {
        match &self.backend {
            Backend::Idb(db) => {
                let tx = db.transaction(store.as_str()).build()?;
                let os = tx.object_store(store.as_str())?;
                let key = [profile.to_owned(), id.to_owned()];
                let value: Option<T> = os.get(key).serde()?.await?;
                Ok(value)
            }
            Backend::Memory(map) => map
                .borrow()
                .get(&(store, profile.to_owned(), id.to_owned()))
                .map(|v| {
                    serde_json::from_value(v.clone()).map_err(|e| StoreError::Record(e.to_string()))
                })
                .transpose(),
        }
    }

    /// Reads every record of one profile in a store, in key order.
    pub async fn all<T: DeserializeOwned>(
        &self,
        store: StoreName,
        profile: &str,
    ) -> Result<Vec<T>, StoreError> {
        match &self.backend {
            Backend::Idb(db) => {
                let tx = db.transaction(store.as_str()).build()?;
                let os = tx.object_store(store.as_str())?;
                let index = os.index(PROFILE_INDEX)?;
                let records = index
                    .get_all()
                    .with_query(profile.to_owned())
                    .serde()?
                    .await?
                    .collect::<Result<Vec<T>, _>>()?;
                Ok(records)
            }
            Backend::Memory(map) => map
                .borrow()
                .iter()
                .filter(|((s, p, _), _)| *s == store && p == profile)
                .map(|(_, v)| {
                    serde_json::from_value(v.clone()).map_err(|e| StoreError::Record(e.to_string()))
                })
                .collect(),
        }
    }

    /// Deletes one record (no error if it does not exist).
    pub async fn delete(
        &self,
        store: StoreName,
        profile: &str,
        id: &str,
    ) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Idb(db) => {
                let tx = db
                    .transaction(store.as_str())
                    .with_mode(TransactionMode::Readwrite)
                    .build()?;
                let os = tx.object_store(store.as_str())?;
                os.delete([profile.to_owned(), id.to_owned()])
                    .build()?
                    .await?;
                tx.commit().await?;
                Ok(())
            }
            Backend::Memory(map) => {
                map.borrow_mut()
                    .remove(&(store, profile.to_owned(), id.to_owned()));
                Ok(())
            }
        }
    }

    /// The names of the object stores and their indexes, as the browser reports them (tests).
    pub fn describe(&self) -> Vec<(String, Vec<String>)> {
        let Backend::Idb(db) = &self.backend else {
            return Vec::new();
        };
        let names: Vec<String> = db.object_store_names().collect();
        let Ok(tx) = db.transaction(names.clone()).build() else {
            return Vec::new();
        };
        names
            .into_iter()
            .map(|n| {
                let indexes = tx
                    .object_store(&n)
                    .map(|os| os.index_names().collect())
                    .unwrap_or_default();
                (n, indexes)
            })
            .collect()
    }
}

fn key_of(value: &serde_json::Value) -> Result<(String, String), StoreError> {
    let field = |name: &str| {
        value
            .get(name)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .ok_or_else(|| StoreError::Record(format!("record has no string field {name:?}")))
    };
    Ok((field("profile")?, field("id")?))
}

async fn open_database(name: &str) -> Result<Database, StoreError> {
    let db = Database::open(name)
        .with_version(VERSION)
        .with_on_upgrade_needed(|event, db| {
            upgrade(&db, event.old_version() as u32)?;
            Ok(())
        })
        .await?;
    // Another tab (or a waiting update) that needs a newer schema asks us to let go: close this
    // connection so its upgrade is never blocked. The app reopens on the next reload.
    let sys: &web_sys::IdbDatabase = db.as_sys().unchecked_ref();
    let sys_for_close = sys.clone();
    let on_version_change = Closure::<dyn FnMut()>::new(move || sys_for_close.close());
    sys.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
    on_version_change.forget();
    Ok(db)
}

/// Runs every schema step after `old_version`, so a database of any earlier version upgrades.
fn upgrade(db: &Database, old_version: u32) -> indexed_db_futures::Result<()> {
    if old_version < 1 {
        for store in StoreName::ALL {
            let def = store.def();
            let os = db
                .create_object_store(def.name)
                .with_key_path(KeyPath::from(KEY_PATH))
                .build()?;
            os.create_index(PROFILE_INDEX, KeyPath::from(PROFILE_INDEX))
                .build()?;
            for (index, path) in def.indexes {
                os.create_index(*index, KeyPath::from(path.to_vec()))
                    .build()?;
            }
        }
    }
    Ok(())
}
