//! The one place that touches IndexedDB.
//!
//! [`Store`] is a small async key-value layer over the schema in [`schema`]: every record is a
//! serde value with `profile` and `id` fields, which together form its key. When IndexedDB cannot
//! be opened (private mode, blocked, quota, no support) the same API runs on an in-memory map and
//! [`Store::is_persistent`] is false, so the app keeps working and says that nothing is saved.

pub mod schema;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
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

impl StoreError {
    /// True when the device is out of the storage the browser grants this app.
    pub fn is_quota(&self) -> bool {
        matches!(self, StoreError::Database(m) if m.contains("Quota"))
    }
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

/// The memory fallback keeps each record as its JSON text, as IndexedDB would give it back.
type MemoryMap = BTreeMap<(StoreName, String, String), String>;

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

/// Records cross the JS boundary as JSON text: `serde_json` writes it and `JSON.parse` makes the
/// value IndexedDB stores; `JSON.stringify` turns what IndexedDB returns back into text for
/// `serde_json`. One string crossing per record (or one per batch) is several times faster than
/// converting each field, and it keeps a single encoder and decoder per stored type in the app.
fn to_js<T: Serialize>(record: &T) -> Result<wasm_bindgen::JsValue, StoreError> {
    js_sys::JSON::parse(&to_text(record)?).map_err(|_| StoreError::Record("not JSON".into()))
}

/// A record's JSON text.
fn to_text<T: Serialize>(record: &T) -> Result<String, StoreError> {
    serde_json::to_string(record).map_err(|e| StoreError::Record(e.to_string()))
}

/// A record's JSON text and its key, as the memory fallback keeps them.
fn to_text_and_key<T: Serialize>(record: &T) -> Result<(String, (String, String)), StoreError> {
    let text = to_text(record)?;
    let key = key_of(&js_sys::JSON::parse(&text).unwrap_or_default())?;
    Ok((text, key))
}

/// The `module` field of a record the memory fallback keeps as JSON text.
fn module_of(text: &str) -> Option<String> {
    js_sys::JSON::parse(text)
        .ok()
        .and_then(|v| string_field(&v, "module"))
}

/// The JSON text of a value read from IndexedDB (see [`to_js`]).
fn json_text(value: &wasm_bindgen::JsValue) -> Result<String, StoreError> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| StoreError::Record("a stored record is not JSON".into()))
}

/// Decodes one JSON text (a record, or an array of records).
fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Record(e.to_string()))
}

/// Decodes one record read from IndexedDB.
fn from_js<T: DeserializeOwned>(value: &wasm_bindgen::JsValue) -> Result<T, StoreError> {
    from_text(&json_text(value)?)
}

/// Decodes records read from IndexedDB with one `JSON.stringify` and one parse for them all.
fn decode_all<T: DeserializeOwned>(
    values: Vec<wasm_bindgen::JsValue>,
) -> Result<Vec<T>, StoreError> {
    let array: js_sys::Array = values.iter().collect();
    from_js(&array.into())
}

impl Store {
    /// Opens IndexedDB, upgrading from any earlier schema version; falls back to memory.
    pub async fn open() -> Store {
        Self::open_named(DB_NAME).await
    }

    /// Opens (or creates) the database `name`: tests use their own names.
    pub async fn open_named(name: &str) -> Store {
        Self::open_at_version(name, VERSION).await
    }

    /// Opens `name` at an earlier schema `version`, running only the upgrade steps up to it:
    /// exactly what that version's code did. Tests use it to build databases of earlier
    /// versions and then open them with the current one.
    pub async fn open_at_version(name: &str, version: u32) -> Store {
        match open_database(name, version).await {
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
                let value = to_js(record)?;
                // Only a store with derived data needs the record's key before it is written.
                let key = match outdated(store, "") {
                    Some(_) => Some(key_of(&value)?),
                    None => None,
                };
                let id = key.as_ref().map_or("", |k| k.1.as_str());
                let outdated = key.as_ref().and_then(|_| outdated_in(db, store, id));
                let tx = db
                    .transaction(write_scope(store, &outdated))
                    .with_mode(TransactionMode::Readwrite)
                    .build()?;
                // Requests are queued, not awaited one by one: they run in order, a failed one
                // aborts the transaction, and the commit waits for them all.
                let _queued = tx.object_store(store.as_str())?.put(value).primitive()?;
                if let Some((profile, _)) = &key {
                    drop_outdated(&tx, outdated, profile)?;
                }
                tx.commit().await?;
                Ok(())
            }
            Backend::Memory(map) => {
                let (text, (profile, id)) = to_text_and_key(record)?;
                drop_outdated_in_memory(map, store, &profile, &id);
                map.borrow_mut().insert((store, profile, id), text);
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
                let value: Option<wasm_bindgen::JsValue> = os.get(key).primitive()?.await?;
                value.as_ref().map(from_js).transpose()
            }
            Backend::Memory(map) => map
                .borrow()
                .get(&(store, profile.to_owned(), id.to_owned()))
                .map(|text| from_text(text))
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
                let values = index
                    .get_all::<wasm_bindgen::JsValue>()
                    .with_query(profile.to_owned())
                    .primitive()?
                    .await?
                    .collect::<Result<Vec<_>, _>>()?;
                decode_all(values)
            }
            Backend::Memory(map) => map
                .borrow()
                .iter()
                .filter(|((s, p, _), _)| *s == store && p == profile)
                .map(|(_, text)| from_text(text))
                .collect(),
        }
    }

    /// How many records one profile has in a store, without reading them.
    pub async fn count(&self, store: StoreName, profile: &str) -> Result<u32, StoreError> {
        match &self.backend {
            Backend::Idb(db) => {
                let tx = db.transaction(store.as_str()).build()?;
                let os = tx.object_store(store.as_str())?;
                let index = os.index(PROFILE_INDEX)?;
                Ok(index
                    .count()
                    .with_query(profile.to_owned())
                    .primitive()?
                    .await?)
            }
            Backend::Memory(map) => Ok(map
                .borrow()
                .keys()
                .filter(|(s, p, _)| *s == store && p == profile)
                .count() as u32),
        }
    }

    /// Reads a record, lets `f` change it, and writes the result (or deletes the record when `f`
    /// returns `None`) inside one read-write transaction, so a write from another tab between
    /// the read and the write cannot be lost.
    ///
    /// The derived record the write makes out of date is deleted in the same transaction,
    /// unless [`Record::outdates_derived`] says this change leaves it true.
    pub async fn update<T, F>(
        &self,
        store: StoreName,
        profile: &str,
        id: &str,
        f: F,
    ) -> Result<(), StoreError>
    where
        T: Record + Clone,
        F: FnOnce(Option<T>) -> Option<T>,
    {
        match &self.backend {
            Backend::Idb(db) => {
                let outdated = outdated_in(db, store, id);
                let tx = db
                    .transaction(write_scope(store, &outdated))
                    .with_mode(TransactionMode::Readwrite)
                    .build()?;
                let os = tx.object_store(store.as_str())?;
                let key = [profile.to_owned(), id.to_owned()];
                // Only IndexedDB requests are awaited inside the transaction, and only the read:
                // the writes are queued and the commit waits for them (see `put`).
                let old: Option<wasm_bindgen::JsValue> = os.get(key.clone()).primitive()?.await?;
                let old: Option<T> = old.as_ref().map(from_js).transpose()?;
                let new = f(old.clone());
                if T::outdates_derived(old.as_ref(), new.as_ref()) {
                    drop_outdated(&tx, outdated, profile)?;
                }
                match new {
                    Some(new) => drop(os.put(to_js(&new)?).primitive()?),
                    None => drop(os.delete(key).build()?),
                }
                tx.commit().await?;
                Ok(())
            }
            Backend::Memory(map) => {
                let key = (store, profile.to_owned(), id.to_owned());
                let old = map
                    .borrow()
                    .get(&key)
                    .map(|text| from_text::<T>(text))
                    .transpose()?;
                let new = f(old.clone());
                if T::outdates_derived(old.as_ref(), new.as_ref()) {
                    drop_outdated_in_memory(map, store, profile, id);
                }
                match new {
                    Some(new) => {
                        map.borrow_mut().insert(key, to_text(&new)?);
                    }
                    None => {
                        map.borrow_mut().remove(&key);
                    }
                }
                Ok(())
            }
        }
    }

    /// Every record of one profile (or of everyone, device settings included), store by store,
    /// read in one transaction: the content of a backup.
    pub async fn dump(
        &self,
        profile: Option<&str>,
    ) -> Result<BTreeMap<String, Vec<serde_json::Value>>, StoreError> {
        let mut out = BTreeMap::new();
        match &self.backend {
            Backend::Idb(db) => {
                let names = StoreName::names();
                let tx = db.transaction(names.clone()).build()?;
                for name in names {
                    let os = tx.object_store(name)?;
                    let values: Vec<wasm_bindgen::JsValue> = match profile {
                        Some(p) => os
                            .index(PROFILE_INDEX)?
                            .get_all()
                            .with_query(p.to_owned())
                            .primitive()?
                            .await?
                            .collect::<Result<_, _>>()?,
                        None => os.get_all().primitive()?.await?.collect::<Result<_, _>>()?,
                    };
                    let records: Vec<serde_json::Value> = decode_all(values)?;
                    if !records.is_empty() {
                        out.insert(name.to_owned(), records);
                    }
                }
            }
            Backend::Memory(map) => {
                for ((store, p, _), text) in map.borrow().iter() {
                    if profile.is_none_or(|want| want == p) {
                        out.entry(store.as_str().to_owned())
                            .or_insert_with(Vec::new)
                            .push(from_text(text)?);
                    }
                }
            }
        }
        Ok(out)
    }

    /// Writes checked backup records in one read-write transaction over every store. With
    /// `replace`, the records of those profiles (or of everyone, for [`Replace::Everything`]) are
    /// deleted first. If any write fails, the transaction is aborted and nothing changes.
    pub async fn import(
        &self,
        stores: &BTreeMap<String, Vec<serde_json::Value>>,
        replace: Replace,
    ) -> Result<usize, StoreError> {
        let mut targets = Vec::new();
        for name in stores.keys() {
            let store = StoreName::parse(name)
                .ok_or_else(|| StoreError::Record(format!("unknown store {name}")))?;
            targets.push(store);
        }
        match &self.backend {
            Backend::Idb(db) => {
                let names = StoreName::names();
                let derived: Vec<&str> = StoreName::DERIVED
                    .iter()
                    .map(|s| s.as_str())
                    .filter(|n| db.object_store_names().any(|x| x == *n))
                    .collect();
                let tx = db
                    .transaction([names.clone(), derived.clone()].concat())
                    .with_mode(TransactionMode::Readwrite)
                    .build()?;
                // Imported records change what derived data is built from.
                for name in &derived {
                    tx.object_store(name)?.clear()?.await?;
                }
                for name in &names {
                    let os = tx.object_store(name)?;
                    match &replace {
                        Replace::Nothing => {}
                        Replace::Everything => os.clear()?.await?,
                        Replace::Profiles(profiles) => {
                            for p in profiles {
                                os.delete::<Vec<String>, _>(profile_range(p))
                                    .build()?
                                    .await?;
                            }
                        }
                    }
                }
                let mut written = 0;
                for (name, records) in stores {
                    let os = tx.object_store(name)?;
                    for record in records {
                        os.put(to_js(record)?).primitive()?.await?;
                        written += 1;
                    }
                }
                tx.commit().await?;
                Ok(written)
            }
            Backend::Memory(map) => {
                let mut next = map.borrow().clone();
                next.retain(|(s, _, _), _| !StoreName::DERIVED.contains(s));
                match &replace {
                    Replace::Nothing => {}
                    Replace::Everything => next.clear(),
                    Replace::Profiles(profiles) => {
                        next.retain(|(_, p, _), _| !profiles.contains(p));
                    }
                }
                let mut written = 0;
                for (name, records) in stores {
                    let store = StoreName::parse(name)
                        .ok_or_else(|| StoreError::Record(format!("unknown store {name}")))?;
                    for record in records {
                        let (p, id) = key_of(&to_js(record)?)?;
                        next.insert((store, p, id), record.to_string());
                        written += 1;
                    }
                }
                *map.borrow_mut() = next;
                Ok(written)
            }
        }
    }

    /// How many records of each of `modules` one profile has in `store` (by its
    /// `profile_module` index), in the order of `modules`, without reading them.
    pub async fn count_by_module(
        &self,
        store: StoreName,
        profile: &str,
        modules: &[String],
    ) -> Result<Vec<u32>, StoreError> {
        match &self.backend {
            Backend::Idb(db) => {
                let tx = db.transaction(store.as_str()).build()?;
                let os = tx.object_store(store.as_str())?;
                let index = os.index("profile_module")?;
                // Every request is made before the first answer is awaited.
                let requests = modules
                    .iter()
                    .map(|module| {
                        index
                            .count()
                            .with_query([profile.to_owned(), module.clone()])
                            .primitive()
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(futures::future::try_join_all(requests).await?)
            }
            Backend::Memory(map) => {
                // Each record is parsed once, whatever the number of modules.
                let mut counts: std::collections::HashMap<String, u32> =
                    std::collections::HashMap::new();
                for ((s, p, _), text) in map.borrow().iter() {
                    if *s != store || p != profile {
                        continue;
                    }
                    if let Some(module) = module_of(text) {
                        *counts.entry(module).or_default() += 1;
                    }
                }
                Ok(modules
                    .iter()
                    .map(|m| counts.get(m).copied().unwrap_or(0))
                    .collect())
            }
        }
    }

    /// Builds derived records again: for each module in `modules`, reads the profile's records of
    /// `source` for that module (its `profile_module` index) and writes what `build` makes of
    /// them to `target`, in one read-write transaction, so a record written meanwhile cannot be
    /// missed. `build` returns `None` to write nothing for a module. Returns the records written,
    /// in the order of `modules`.
    pub async fn rebuild<A, S>(
        &self,
        source: StoreName,
        target: StoreName,
        profile: &str,
        modules: &[String],
        build: &mut dyn FnMut(&str, Vec<A>) -> Option<S>,
    ) -> Result<Vec<S>, StoreError>
    where
        A: DeserializeOwned,
        S: Serialize,
    {
        let mut out = Vec::with_capacity(modules.len());
        match &self.backend {
            Backend::Idb(db) => {
                let tx = db
                    .transaction([source.as_str(), target.as_str()])
                    .with_mode(TransactionMode::Readwrite)
                    .build()?;
                let source_os = tx.object_store(source.as_str())?;
                let index = source_os.index("profile_module")?;
                let os = tx.object_store(target.as_str())?;
                for module in modules {
                    let values = index
                        .get_all::<wasm_bindgen::JsValue>()
                        .with_query([profile.to_owned(), module.clone()])
                        .primitive()?
                        .await?
                        .collect::<Result<Vec<_>, _>>()?;
                    if let Some(record) = build(module, decode_all(values)?) {
                        os.put(to_js(&record)?).primitive()?.await?;
                        out.push(record);
                    }
                }
                tx.commit().await?;
            }
            Backend::Memory(map) => {
                for module in modules {
                    let records = map
                        .borrow()
                        .iter()
                        .filter(|((s, p, _), text)| {
                            *s == source
                                && p == profile
                                && module_of(text).as_deref() == Some(module.as_str())
                        })
                        .map(|(_, text)| from_text(text))
                        .collect::<Result<Vec<A>, _>>()?;
                    let Some(record) = build(module, records) else {
                        continue;
                    };
                    let (text, (p, id)) = to_text_and_key(&record)?;
                    map.borrow_mut().insert((target, p, id), text);
                    out.push(record);
                }
            }
        }
        Ok(out)
    }

    /// Deletes every record of one profile in every store (its profile record included), or
    /// every record on the device, in one transaction.
    pub async fn erase(&self, profile: Option<&str>) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Idb(db) => {
                let names: Vec<&str> = StoreName::every()
                    .map(|s| s.as_str())
                    .filter(|n| db.object_store_names().any(|x| x == *n))
                    .collect();
                let tx = db
                    .transaction(names.clone())
                    .with_mode(TransactionMode::Readwrite)
                    .build()?;
                for name in names {
                    let os = tx.object_store(name)?;
                    match profile {
                        Some(p) => {
                            os.delete::<Vec<String>, _>(profile_range(p))
                                .build()?
                                .await?
                        }
                        None => os.clear()?.await?,
                    }
                }
                tx.commit().await?;
                Ok(())
            }
            Backend::Memory(map) => {
                match profile {
                    Some(want) => map.borrow_mut().retain(|(_, p, _), _| p != want),
                    None => map.borrow_mut().clear(),
                }
                Ok(())
            }
        }
    }

    /// The profiles that have records in any store (tests and the erase check).
    pub async fn profiles_with_records(&self) -> Result<BTreeSet<String>, StoreError> {
        Ok(self
            .dump(None)
            .await?
            .into_values()
            .flatten()
            .filter_map(|r| r.get("profile").and_then(|p| p.as_str()).map(str::to_owned))
            .collect())
    }

    /// Reads every record of a store, whatever profile it belongs to (the list of profiles).
    pub async fn everything<T: DeserializeOwned>(
        &self,
        store: StoreName,
    ) -> Result<Vec<T>, StoreError> {
        match &self.backend {
            Backend::Idb(db) => {
                let tx = db.transaction(store.as_str()).build()?;
                let os = tx.object_store(store.as_str())?;
                let values = os
                    .get_all::<wasm_bindgen::JsValue>()
                    .primitive()?
                    .await?
                    .collect::<Result<Vec<_>, _>>()?;
                decode_all(values)
            }
            Backend::Memory(map) => map
                .borrow()
                .iter()
                .filter(|((s, _, _), _)| *s == store)
                .map(|(_, text)| from_text(text))
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
                let outdated = outdated_in(db, store, id);
                let tx = db
                    .transaction(write_scope(store, &outdated))
                    .with_mode(TransactionMode::Readwrite)
                    .build()?;
                let os = tx.object_store(store.as_str())?;
                let _queued = os.delete([profile.to_owned(), id.to_owned()]).build()?;
                drop_outdated(&tx, outdated, profile)?;
                tx.commit().await?;
                Ok(())
            }
            Backend::Memory(map) => {
                drop_outdated_in_memory(map, store, profile, id);
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

/// What an import deletes before it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replace {
    /// Merge: keep everything; records in the backup overwrite those with the same key.
    Nothing,
    /// The records of these profiles.
    Profiles(Vec<String>),
    /// Every record on the device.
    Everything,
}

/// Every key `[profile, …]` of one profile: arrays compare element by element, and
/// `[p]` < `[p, id]` < `[p + "\0"]` for every string id.
fn profile_range(profile: &str) -> indexed_db_futures::KeyRange<Vec<String>> {
    indexed_db_futures::KeyRange::Bound(
        vec![profile.to_owned()],
        false,
        vec![format!("{profile}\0")],
        true,
    )
}

/// A string field of a record as JavaScript holds it.
fn string_field(value: &wasm_bindgen::JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(value, &name.into())
        .ok()
        .and_then(|v| v.as_string())
}

/// The key of a record: its `profile` and `id` fields.
fn key_of(value: &wasm_bindgen::JsValue) -> Result<(String, String), StoreError> {
    let field = |name: &str| {
        string_field(value, name)
            .ok_or_else(|| StoreError::Record(format!("record has no string field {name:?}")))
    };
    Ok((field("profile")?, field("id")?))
}

/// A record written through [`Store::update`]. A write to a store with a derived record (see
/// [`outdated`]) deletes that record, unless the type knows the change leaves it true.
pub trait Record: Serialize + DeserializeOwned {
    /// True when writing `new` in place of `old` (`None`: no record) can change the derived
    /// record. Every write does, unless a type says otherwise.
    fn outdates_derived(_old: Option<&Self>, _new: Option<&Self>) -> bool {
        true
    }
}

/// An answer saved to an unfinished attempt leaves its module's quiz summary true, so saving
/// an answer does not make the dashboard score the module again.
impl Record for erasmi_core::quiz::QuizAttempt {
    fn outdates_derived(old: Option<&Self>, new: Option<&Self>) -> bool {
        Self::changes_summary(old, new)
    }
}
impl Record for erasmi_core::progress::LessonProgress {}
impl Record for erasmi_core::progress::SelfAssessmentRecord {}
impl Record for erasmi_core::activity::ActivityRecord {}
impl Record for erasmi_core::group::AssignmentRecord {}
impl Record for erasmi_core::group::ReportRecord {}

/// The derived record a write to `store` at `id` makes out of date: for a quiz attempt (id
/// `<module>/<started at>`), the summary of its module. It is deleted in the write's own
/// transaction, so no reader ever sees a summary older than the attempts.
fn outdated(store: StoreName, id: &str) -> Option<(StoreName, String)> {
    match store {
        StoreName::QuizAttempts => {
            let module = id.split('/').next().unwrap_or(id);
            Some((StoreName::QuizSummaries, module.to_owned()))
        }
        _ => None,
    }
}

/// [`outdated`], when the database has the derived store (a database opened at an older
/// version in the upgrade tests does not).
fn outdated_in(db: &Database, store: StoreName, id: &str) -> Option<(StoreName, String)> {
    outdated(store, id)
        .filter(|(derived, _)| db.object_store_names().any(|name| name == derived.as_str()))
}

/// The stores a write to `store` touches: the store, and the one of its outdated record.
fn write_scope(store: StoreName, outdated: &Option<(StoreName, String)>) -> Vec<&'static str> {
    let mut names = vec![store.as_str()];
    names.extend(outdated.as_ref().map(|(s, _)| s.as_str()));
    names
}

/// Queues the deletion of the outdated derived record of `profile` in the write's transaction;
/// the transaction's commit waits for it, and its failure aborts the write.
fn drop_outdated(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
    outdated: Option<(StoreName, String)>,
    profile: &str,
) -> Result<(), StoreError> {
    if let Some((derived, key)) = outdated {
        let _queued = tx
            .object_store(derived.as_str())?
            .delete([profile.to_owned(), key])
            .build()?;
    }
    Ok(())
}

/// [`drop_outdated`] for the memory fallback.
fn drop_outdated_in_memory(map: &RefCell<MemoryMap>, store: StoreName, profile: &str, id: &str) {
    if let Some((derived, key)) = outdated(store, id) {
        map.borrow_mut().remove(&(derived, profile.to_owned(), key));
    }
}

async fn open_database(name: &str, version: u32) -> Result<Database, StoreError> {
    let db = Database::open(name)
        .with_version(version)
        .with_on_upgrade_needed(move |event, db| {
            upgrade(&db, event.old_version() as u32, version)?;
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

/// Runs every schema step after `old_version` up to `target`, so a database of any earlier
/// version upgrades. Each version's step only adds: existing records are never rewritten by a
/// step unless that step says so here.
fn upgrade(db: &Database, old_version: u32, target: u32) -> indexed_db_futures::Result<()> {
    for version in (old_version + 1)..=target {
        // Version 1 created the first eleven stores; version 2 added `activity`; version 3
        // `quiz_summaries`, which starts empty and fills as the dashboard builds summaries.
        for store in StoreName::every().filter(|s| s.since() == version) {
            create_store(db, store)?;
        }
        // The update test's next build adds a store of its own (see `schema::VERSION`).
        #[cfg(erasmi_next_schema)]
        if version == 4 {
            db.create_object_store("update_probe")
                .with_key_path(KeyPath::from(KEY_PATH))
                .build()?;
        }
    }
    Ok(())
}

fn create_store(db: &Database, store: StoreName) -> indexed_db_futures::Result<()> {
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
    Ok(())
}
