from sqlalchemy import BigInteger, Column, DateTime, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class PageView(Base):
    __tablename__ = "page_view"
    id = Column(BigInteger, primary_key=True)
    path = Column(String(500), nullable=False)
    seen_at = Column(DateTime, nullable=False)
    duration_ms = Column(Integer)
