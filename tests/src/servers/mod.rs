//! Local servers of the five seed providers, written by hand from their documents.
//!
//! Each server is written from the provider's document in `shared/seeds/`, never from the
//! spec in `specs/`: a server derived from the spec would agree with the generated client by
//! construction and prove nothing. Every server:
//! - listens on `127.0.0.1:0` (a free port) and serves until dropped;
//! - checks the wire format of the token request (method, path, content type, body encoding,
//!   where each credential sits, no credential anywhere else) and answers `400` with a body
//!   saying what was wrong, also kept in [`Server::violations`];
//! - records every request it got ([`Server::requests`]);
//! - answers a documented error when told to ([`Server::fail_next`]), and its own errors
//!   (wrong credentials, Weir's rate limit) as the document shows them;
//! - protects an API route, `GET /api/echo`, which accepts only a token it issued and
//!   answers with the auth headers that arrived.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use tokenspec_tests::servers::weir;
//! let server = weir::start().await?;
//! server.fail_next(weir::Failure::RateLimitExceeded);
//! println!("token endpoint at {}/auth/token", server.url());
//! # Ok(()) }
//! ```

mod common;
mod oauth2;
mod wire;

pub mod apimw;
pub mod skauth;
pub mod weavy;
pub mod weightron;
pub mod weir;

pub use common::{RecordedRequest, Server};

#[cfg(test)]
mod tests;
