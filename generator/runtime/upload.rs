//! Request bodies sent as they are read, not gathered in memory first: binary
//! bodies and the files of multipart bodies, from bytes, a file or a stream.

use std::collections::VecDeque;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use http_body::{Frame, SizeHint};

use super::{HeaderValue, InvalidRequest, Request};

/// How many bytes of a file are read at a time.
const FILE_CHUNK: usize = 64 * 1024;

/// A stream of bytes to upload.
type ByteSource = Pin<Box<dyn Stream<Item = Result<Bytes, io::Error>> + Send>>;

/// Something to upload: bytes in memory, a file (read as it is sent, and read
/// again for a retry) or a stream (sent once: a request with a stream body is
/// not retried).
///
/// `Vec<u8>`, [`Bytes`](bytes::Bytes) and `&'static [u8]` convert into it.
#[derive(Clone)]
pub struct Upload(Source);

#[derive(Clone)]
enum Source {
    Bytes(Bytes),
    File(PathBuf),
    /// Taken by the first attempt that sends it; clones share it.
    Stream(Arc<Mutex<Option<ByteSource>>>),
}

impl Upload {
    /// Bytes in memory.
    pub fn bytes(bytes: impl Into<Bytes>) -> Self {
        Upload(Source::Bytes(bytes.into()))
    }

    /// The file at `path`, opened when the request is sent and read as it goes
    /// out; a retry opens it again.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Upload(Source::File(path.into()))
    }

    /// A stream of chunks, sent as they come. It can be sent only once: a request
    /// with a stream body is never retried (the error says so).
    pub fn stream<S>(stream: S) -> Self
    where
        S: Stream<Item = Result<Bytes, io::Error>> + Send + 'static,
    {
        Upload(Source::Stream(Arc::new(Mutex::new(Some(Box::pin(stream))))))
    }

    /// Whether the body can be sent again, for a retry (bytes and files can, streams cannot).
    pub fn is_replayable(&self) -> bool {
        !matches!(self.0, Source::Stream(_))
    }
}

impl From<Vec<u8>> for Upload {
    fn from(bytes: Vec<u8>) -> Self {
        Upload::bytes(bytes)
    }
}

impl From<Bytes> for Upload {
    fn from(bytes: Bytes) -> Self {
        Upload::bytes(bytes)
    }
}

impl From<&'static [u8]> for Upload {
    fn from(bytes: &'static [u8]) -> Self {
        Upload::bytes(bytes)
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Source::Bytes(bytes) => write!(f, "Upload::Bytes({} bytes)", bytes.len()),
            Source::File(path) => f.debug_tuple("Upload::File").field(path).finish(),
            Source::Stream(_) => f.write_str("Upload::Stream"),
        }
    }
}

/// Bytes equal bytes of the same content, files the same path, and a stream only itself (or its clones).
impl PartialEq for Upload {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Source::Bytes(a), Source::Bytes(b)) => a == b,
            (Source::File(a), Source::File(b)) => a == b,
            (Source::Stream(a), Source::Stream(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// As JSON, bytes are an array of numbers (as a `Vec<u8>` is); a file or a stream cannot be serialized.
impl serde::Serialize for Upload {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Source::Bytes(bytes) => serializer.serialize_bytes(bytes),
            Source::File(_) | Source::Stream(_) => {
                Err(serde::ser::Error::custom("a file or stream upload has no serialized form"))
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for Upload {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<u8>::deserialize(deserializer).map(Upload::from)
    }
}

/// A request body made of pieces sent one after the other (a multipart body's
/// text and its files), with its media type.
pub(crate) struct Payload {
    pieces: Vec<Piece>,
    pub(super) content_type: HeaderValue,
}

#[allow(dead_code, reason = "only multipart bodies have bytes beside their uploads")]
enum Piece {
    Bytes(Bytes),
    Upload(Upload),
}

impl Payload {
    /// A body of one upload with the given media type.
    #[allow(
        dead_code,
        reason = "multipart bodies build their payload from parts: an API with only those never calls it"
    )]
    pub(crate) fn upload(upload: Upload, content_type: &'static str) -> Self {
        // The generator only emits valid media types; an invalid one degrades to
        // `application/octet-stream` rather than panicking.
        let content_type = HeaderValue::from_maybe_shared(Bytes::from_static(content_type.as_bytes()))
            .unwrap_or(HeaderValue::from_static("application/octet-stream"));
        Payload { pieces: vec![Piece::Upload(upload)], content_type }
    }

    /// An empty body with the given media type, to push pieces onto.
    #[cfg(feature = "multipart")]
    pub(super) fn new(content_type: HeaderValue) -> Self {
        Payload { pieces: Vec::new(), content_type }
    }

    /// Appends bytes (joined with bytes before them, so they go out as one chunk).
    #[cfg(feature = "multipart")]
    pub(super) fn push_bytes(&mut self, bytes: &[u8]) {
        if let Some(Piece::Bytes(last)) = self.pieces.last_mut() {
            let mut joined = Vec::with_capacity(last.len() + bytes.len());
            joined.extend_from_slice(last);
            joined.extend_from_slice(bytes);
            *last = Bytes::from(joined);
        } else {
            self.pieces.push(Piece::Bytes(Bytes::copy_from_slice(bytes)));
        }
    }

    /// Appends an upload.
    #[cfg(feature = "multipart")]
    pub(super) fn push_upload(&mut self, upload: &Upload) {
        match &upload.0 {
            Source::Bytes(bytes) => self.push_bytes(bytes),
            _ => self.pieces.push(Piece::Upload(upload.clone())),
        }
    }

    /// Whether the body can be sent again.
    pub(super) fn is_replayable(&self) -> bool {
        self.pieces.iter().all(|piece| match piece {
            Piece::Bytes(_) => true,
            Piece::Upload(upload) => upload.is_replayable(),
        })
    }

    /// The body of one attempt: files are opened now; a stream is taken (a second
    /// attempt finds it gone: `Ok(None)`).
    pub(super) fn attempt(&self) -> Result<Option<reqwest::Body>, InvalidRequest> {
        let mut parts = VecDeque::with_capacity(self.pieces.len());
        let mut length = Some(0u64);
        for piece in &self.pieces {
            let part = match piece {
                Piece::Bytes(bytes) => Part::Bytes(bytes.clone()),
                Piece::Upload(Upload(Source::Bytes(bytes))) => Part::Bytes(bytes.clone()),
                Piece::Upload(Upload(Source::File(path))) => Part::File(open(path)?),
                Piece::Upload(Upload(Source::Stream(slot))) => {
                    match slot.lock().unwrap_or_else(PoisonError::into_inner).take() {
                        Some(stream) => Part::Stream(Mutex::new(stream)),
                        None => return Ok(None),
                    }
                }
            };
            length = match (&part, length) {
                (Part::Bytes(bytes), Some(total)) => Some(total + bytes.len() as u64),
                (Part::File(file), Some(total)) => Some(total + file.remaining),
                _ => None,
            };
            parts.push_back(part);
        }
        Ok(Some(reqwest::Body::wrap(PayloadBody { parts, length, buffer: Vec::new() })))
    }
}

/// Opens a file to upload, with its length.
fn open(path: &Path) -> Result<OpenFile, InvalidRequest> {
    let refuse = |error: io::Error| InvalidRequest::new("body", format!("cannot read the file to upload: {error}"));
    let file = std::fs::File::open(path).map_err(refuse)?;
    let remaining = file.metadata().map_err(refuse)?.len();
    Ok(OpenFile { file: tokio::fs::File::from_std(file), remaining })
}

struct OpenFile {
    file: tokio::fs::File,
    /// Bytes still to send (the length when it was opened).
    remaining: u64,
}

enum Part {
    Bytes(Bytes),
    File(OpenFile),
    /// In a mutex only so that the body is `Sync`, as reqwest requires; never contended.
    Stream(Mutex<ByteSource>),
}

/// The body of one attempt, read part after part as the connection takes it.
struct PayloadBody {
    parts: VecDeque<Part>,
    /// The bytes still to send, when every part's length is known.
    length: Option<u64>,
    buffer: Vec<u8>,
}

impl http_body::Body for PayloadBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = self.get_mut();
        loop {
            let Some(part) = this.parts.front_mut() else { return Poll::Ready(None) };
            let chunk = match part {
                Part::Bytes(bytes) if bytes.is_empty() => None,
                Part::Bytes(bytes) => Some(std::mem::take(bytes)),
                Part::File(open) => {
                    if open.remaining == 0 {
                        None
                    } else {
                        let want = FILE_CHUNK.min(usize::try_from(open.remaining).unwrap_or(FILE_CHUNK));
                        this.buffer.resize(want, 0);
                        let mut read = tokio::io::ReadBuf::new(&mut this.buffer);
                        match tokio::io::AsyncRead::poll_read(Pin::new(&mut open.file), cx, &mut read) {
                            Poll::Pending => return Poll::Pending,
                            Poll::Ready(Err(error)) => return Poll::Ready(Some(Err(error))),
                            Poll::Ready(Ok(())) if read.filled().is_empty() => {
                                let error = io::Error::new(io::ErrorKind::UnexpectedEof, "the file to upload shrank");
                                return Poll::Ready(Some(Err(error)));
                            }
                            Poll::Ready(Ok(())) => {
                                open.remaining -= read.filled().len() as u64;
                                Some(Bytes::copy_from_slice(read.filled()))
                            }
                        }
                    }
                }
                Part::Stream(stream) => {
                    let stream = stream.get_mut().unwrap_or_else(PoisonError::into_inner);
                    match stream.as_mut().poll_next(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                        Poll::Ready(Some(Ok(bytes))) => Some(bytes),
                        Poll::Ready(None) => None,
                    }
                }
            };
            match chunk {
                Some(bytes) if !bytes.is_empty() => {
                    if let Some(length) = &mut this.length {
                        *length = length.saturating_sub(bytes.len() as u64);
                    }
                    return Poll::Ready(Some(Ok(Frame::data(bytes))));
                }
                // A stream may yield an empty chunk: read on.
                Some(_) => {}
                // The part is sent: on to the next.
                None => {
                    this.parts.pop_front();
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.parts.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        match self.length {
            Some(length) => SizeHint::with_exact(length),
            None => SizeHint::default(),
        }
    }
}

impl Request {
    /// A request body sent as it is read.
    pub(crate) fn payload(mut self, payload: Payload) -> Self {
        self.payload = Some(payload);
        self
    }
}
