"""The data work a system spec may describe: ``[[annotation]]`` tables (:class:`Annotation`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from .bounds import Name, StrictModel, bounded_float

__all__ = ["Annotation"]


class Annotation(StrictModel):
    """Data work: people labelling, ranking, transcribing or moderating the data (:mod:`footprint.model.labour`).

    ``items`` [count] of ``task`` (a task of factors/labor.csv, which gives a cited time per item) or
    ``seconds_per_item`` [s, one worker, one pass; required where the task has no published time];
    ``redundancy`` [workers per item], ``qa_share`` [review time / labelling time]; ``country`` (ISO 3166 alpha-2)
    where the work is done; pay: ``pay_per_item`` or ``pay_per_hour`` in ``currency`` (USD, or the country's
    currency); ``unpaid_share`` [fraction of the working time unpaid: searching for tasks, qualification ...; default
    from factors/labor.csv]; ``client_price_per_item``: what the client paid per item (same currency), for the
    share of the work's value the workers received.
    """

    name: Name
    items: bounded_float("items", ge=0)
    task: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    seconds_per_item: bounded_float("seconds_per_item", gt=0) | None = None
    redundancy: bounded_float("redundancy", ge=1) | None = None
    qa_share: bounded_float("qa_share", ge=0) | None = None
    country: Annotated[str, Field(min_length=2, max_length=2)]
    pay_per_item: bounded_float("pay_per_item", ge=0) | None = None
    pay_per_hour: bounded_float("pay_per_hour", ge=0) | None = None
    currency: Annotated[str, Field(min_length=3, max_length=3)] = "USD"
    unpaid_share: bounded_float("unpaid_share", ge=0) | None = None
    client_price_per_item: bounded_float("client_price_per_item", ge=0) | None = None

    @model_validator(mode="after")
    def _pay(self) -> "Annotation":
        if (self.pay_per_item is None) == (self.pay_per_hour is None):
            raise ValueError("give the pay: pay_per_item or pay_per_hour (one of them)")
        if self.task is None and self.seconds_per_item is None:
            raise ValueError("give task (a task of factors/labor.csv) or seconds_per_item")
        return self
