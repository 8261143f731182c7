"""Names petitions shares with mediation: the 数据字典 category of dispute types and the values a petition sets
on the dispute it becomes (信访工作条例 第三十三条: a petition suited to mediation is handed to it)."""

DISPUTE_TYPE = "mediation.dispute_type"  # 数据字典 category declared by mediation
TIER_GENERAL = "general"
SOURCE_PETITION = "petition"
